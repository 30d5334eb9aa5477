//! The store tests, one test binary (each file a module).

#[path = "../common/mod.rs"]
mod common;
#[path = "../serve/mod.rs"]
mod serve;

mod crash;
mod disk_full;
mod drafts;
mod files;
mod import_props;
mod input_bounds;
mod migration_kill;
mod plan_new_kill;
mod props;
mod recovery;

//! The data tests, one test binary (each file a module).

#[path = "../common/mod.rs"]
mod common;

mod documents_print;
mod import_graph;
mod layers;
mod minutes_golden;
mod output_hygiene;
mod report_print;
mod scheda_fixtures;
mod seed_dataset;
mod tui_state;

//! The cli tests, one test binary (each file a module).

#[path = "../common/mod.rs"]
mod common;
#[path = "../serve/mod.rs"]
mod serve;

mod cli_assessment;
mod cli_codes;
mod cli_csv;
mod cli_cycle;
mod cli_database;
mod cli_docs;
mod cli_documents;
mod cli_help;
mod cli_history_backup;
mod cli_indicators;
mod cli_os_errors;
mod cli_plans;
mod cli_progress;
mod cli_report_check;
mod cli_review;
mod cli_scheda_import;
mod cli_set;
mod cli_sheet_merge;
mod cli_transfer;
mod cli_variation;
mod cli_windows;
mod cli_xlsx;
mod messages_words;
mod refusals;
mod sheet_bombs;

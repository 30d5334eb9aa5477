//! `snapshot`, `diff` and `review`: monitoring periods and what moved between them.

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};

use super::file_io::{print_text, write_output};
use super::{Done, fail};
use crate::i18n::tr_string;
use crate::io::report::{Format, render_diff};
use crate::service::PlanService;
use crate::tr_format;

#[derive(Debug, Subcommand)]
pub enum SnapshotAction {
    /// Fotografa il piano com'è ora con un nome (es. «Monitoraggio 30/06/2026»)
    Create {
        /// Il nome dell'istantanea
        name: String,
    },
    /// Elenca le istantanee, dalla più vecchia, con l'impronta SHA-256 del piano che tengono
    List {
        /// L'impronta intera (64 cifre) invece delle prime 16
        #[arg(long)]
        full: bool,
    },
    /// Elimina un'istantanea
    Delete {
        /// Il nome dell'istantanea
        name: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReviewAction {
    /// Elenca le revisioni (tasto R nell'applicazione), con quanti obiettivi sono stati rivisti
    List,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Testo semplice (parole tolte [-così-], aggiunte {+così+})
    Txt,
    /// Markdown, per il verbale (tolte ~~così~~, aggiunte **così**)
    Md,
}

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// L'istantanea di partenza
    snapshot: String,
    /// L'istantanea di arrivo (predefinito: il piano com'è ora)
    other: Option<String>,
    /// Formato del confronto
    #[arg(long, value_enum, default_value_t = DiffFormat::Txt)]
    format: DiffFormat,
    /// File di destinazione (predefinito: stdout)
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn snapshot(store: &dyn PlanService, action: &SnapshotAction) -> Done {
    let text = match action {
        SnapshotAction::Create { name } => {
            let info = store.create_snapshot(name).map_err(fail)?;
            tr_format!(
                "istantanea creata «{}»: {}\n",
                "snapshot created «{}»: {}\n",
                info.name,
                crate::i18n::objectives(info.objectives)
            )
        }
        SnapshotAction::List { full } => (store.snapshots().map_err(fail)?)
            .iter()
            .map(|s| {
                format!(
                    "{}  {}  {}  {}  {}\n",
                    s.at.format("%d/%m/%Y %H:%M"),
                    s.who,
                    crate::i18n::objectives(s.objectives),
                    if *full {
                        &s.sha256
                    } else {
                        crate::io::digest::short(&s.sha256)
                    },
                    s.name
                )
            })
            .collect(),
        SnapshotAction::Delete { name } => {
            store.delete_snapshot(name).map_err(fail)?;
            tr_format!(
                "istantanea eliminata «{name}»\n",
                "snapshot deleted «{name}»\n"
            )
        }
    };
    Ok(print_text(&text))
}

pub fn diff(store: &dyn PlanService, args: &DiffArgs) -> Done {
    let old = store.snapshot_plan(&args.snapshot).map_err(fail)?;
    let (new_name, new) = match &args.other {
        Some(name) => (name.clone(), store.snapshot_plan(name)),
        None => (tr_string("oggi", "now"), store.load().map(|l| l.dataset)),
    };
    let new = new.map_err(fail)?;
    let format = match args.format {
        DiffFormat::Txt => Format::Text,
        DiffFormat::Md => Format::Markdown,
    };
    let text = render_diff((&args.snapshot, &old), (&new_name, &new), format);
    Ok(write_output(args.output.as_deref(), text.as_bytes()))
}

pub fn review(store: &dyn PlanService, action: &ReviewAction) -> Done {
    let ReviewAction::List = action;
    let reviews = store.reviews().map_err(fail)?;
    let total = store.load().map_err(fail)?.dataset.objectives.len();
    let line = |r: &crate::api::Review| {
        tr_format!(
            "{}  {}  {}  {} di {total} rivisti  {}\n",
            "{}  {}  {}  {} of {total} reviewed  {}\n",
            r.id,
            r.started_at.format("%d/%m/%Y %H:%M"),
            r.who,
            r.marks.len(),
            r.snapshot.as_deref().map_or_else(
                || tr_string("(senza istantanea)", "(no snapshot)"),
                |s| tr_format!("confronto con «{s}»", "compared with «{s}»")
            )
        )
    };
    Ok(print_text(&reviews.iter().map(line).collect::<String>()))
}

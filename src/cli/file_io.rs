//! The CLI's files and streams: what a command reads (bounded, said of the
//! file when it cannot) and writes (a file atomically, or stdout). Below
//! every command, importing none of them.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::fail;
use crate::i18n::{FileOp, file_error, os_error, tr_string};
use crate::tr_format;

/// Writes `bytes` to the file (atomically) or, without one, to stdout.
pub fn write_output(output: Option<&Path>, bytes: &[u8]) -> ExitCode {
    match output {
        Some(path) => match crate::files::write_atomically(path, bytes) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(file_error(FileOp::Write, path, &e)),
        },
        None => write_stdout(bytes),
    }
}

/// Prints text for people: whatever users typed in it reaches the terminal
/// with its control characters escaped (GUIDE §7, output).
pub fn print_text(text: &str) -> ExitCode {
    write_stdout(crate::io::hygiene::terminal(text).as_bytes())
}

/// Writes to stdout as it is (data: JSON, CSV); a closed pipe (`| head`) is not an error worth a message.
pub fn write_stdout(bytes: &[u8]) -> ExitCode {
    super::progress::clear();
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(tr_format!(
            "impossibile scrivere su stdout: {}",
            "cannot write to stdout: {}",
            os_error(&e)
        )),
    }
}

/// The file's bytes, read with a bound; or an exit code after a message saying why not.
pub fn read_bytes(file: &Path) -> Result<Vec<u8>, ExitCode> {
    crate::files::read::read_file(file).map_err(|e| match e {
        crate::files::read::ReadError::Io(e) => fail(file_error(FileOp::Read, file, &e)),
        // A pipe, a device, too large: said of the file.
        e => fail(format!("{}: {e}", file.display())),
    })
}

/// The bytes as text, or an exit code after a message saying they are not.
pub fn utf8(file: &Path, bytes: Vec<u8>) -> Result<String, ExitCode> {
    String::from_utf8(bytes).map_err(|_| {
        fail(tr_format!(
            "{}: il file non è testo UTF-8",
            "{}: the file is not UTF-8 text",
            file.display()
        ))
    })
}

/// The file's text, or an exit code after a message saying why it cannot be read.
pub fn read_text(file: &Path) -> Result<String, ExitCode> {
    utf8(file, read_bytes(file)?)
}

/// The plan in `file`, read with `parse`; or an exit code after a message
/// saying why, and that nothing was written.
pub fn read_plan<T>(
    file: &Path,
    parse: impl FnOnce(&str) -> Result<T, String>,
) -> Result<T, ExitCode> {
    let text = read_text(file)?;
    parse(&text).map_err(|e| refused_file(file, &e))
}

/// What is wrong with `file`, said of it, and that nothing was written; exit status 2.
pub fn refused_file(file: &Path, why: &dyn std::fmt::Display) -> ExitCode {
    fail(tr_format!(
        "{}: {why}\nNessuna modifica è stata scritta.",
        "{}: {why}\nNothing was written.",
        file.display()
    ))
}

/// A text typed or piped on stdin, bounded, less its final newline.
pub fn stdin_text() -> Result<String, String> {
    crate::files::read::read_bounded(std::io::stdin().lock())
        .map_err(|e| tr_format!("impossibile leggere stdin: {e}", "cannot read stdin: {e}"))
        .and_then(|bytes| {
            String::from_utf8(bytes)
                .map_err(|_| tr_string("stdin: non è testo UTF-8", "stdin: is not UTF-8 text"))
        })
        .map(without_final_newline)
}

/// The text less the one newline that ends it: `echo testo |` and an editor's
/// file end with one, which is how lines end, not part of the narrative.
fn without_final_newline(mut text: String) -> String {
    if text.ends_with('\n') {
        text.pop();
        if text.ends_with('\r') {
            text.pop();
        }
    }
    text
}

//! Writing to the terminal or a pipe. A reader that closes the pipe early (`plan ... |
//! head -1`) ends the process quietly with the exit status a shell reports for a tool
//! killed by SIGPIPE (141), as `cat` or `git log` end; Rust ignores SIGPIPE, so without
//! this every `print!` would panic ("failed printing to stdout: Broken pipe"). Every
//! command prints through here.

use std::io::{ErrorKind, Write};

/// 128 + SIGPIPE (13): how a shell reports a writer whose reader went away.
pub const EXIT_BROKEN_PIPE: i32 = 141;

/// Writes `text` to standard output and flushes it.
pub fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    if let Err(err) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        if err.kind() == ErrorKind::BrokenPipe {
            std::process::exit(EXIT_BROKEN_PIPE);
        }
        // A full disk behind a redirection, say: say so, where it can still be said.
        eprint(&format!("error: cannot write to standard output: {err}\n"));
        std::process::exit(2);
    }
}

/// [`print`] and a line break.
pub fn println(text: &str) {
    print(&format!("{text}\n"));
}

/// Writes `text` to standard error. A closed standard error leaves nowhere to report
/// anything, so failures are ignored (the exit status still tells).
pub fn eprint(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}

/// [`eprint`] and a line break.
pub fn eprintln(text: &str) {
    eprint(&format!("{text}\n"));
}

//! The `ecc200` command-line tool: glue over the library, no logic of its own.
//!
//! Exit codes: 0 success; 1 a negative answer (nothing read, invalid GS1 data);
//! 2 unusable input or another error, with a one-line message on stderr.

/// `println!` that ends the process quietly when stdout is closed (`ecc200 ... | head`)
/// instead of panicking.
macro_rules! outln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        if writeln!(std::io::stdout(), $($t)*).is_err() {
            std::process::exit(0);
        }
    }};
}

/// `print!` with the same closed-stdout handling as `outln!`.
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        if write!(std::io::stdout(), $($t)*).is_err() {
            std::process::exit(0);
        }
    }};
}

mod args;
mod commands;

use std::process::ExitCode;

const USAGE: &str = "\
ecc200: make, read and grade GS1 DataMatrix (ECC 200) symbols

usage:
  ecc200 encode [--gs1] [--no-validate] [--shape square|rect|dmre|any] [--size RxC]
                [--max-rows N] [--max-cols N] [--modes ascii,c40,text,x12,edifact,base256]
                [--eci N] [--macro auto|05|06] [--structured-append POS/TOTAL[/ID1,ID2]]
                [--reader-programming] [--fnc1-ascii] [--scale N | --x-dim MM --dpi N]
                [--quiet-zone N] [--invert] [--hri eu|us|plain] [-o FILE.png|FILE.svg|FILE.txt]
                [--json]
                (DATA | --hex HEX | --file PATH)
  ecc200 decode [--json] [--thorough] [--max-symbols N] FILE...
  ecc200 matrix [--json] FILE|-          decode a module matrix given as rows of 0/1
  ecc200 grade [--json] [--aperture MIL | --aperture-x 0.8] [--dpi N] [--wavelength 660]
               [--calibrate RMAX,RMIN] [--dpm [--dpm-reference RCAL,MLCAL,SRCAL,SRTARGET]]
               [--clock-segments whole|region] [--grid-anchor corners|fit]
               [--annotate OUT.png] IMAGE...
  ecc200 gs1 check|hri|dl|scan [--json] [--stem URL] INPUT
  ecc200 serials --gs1 '(01)...(17)...(10)...' --count N [--start N] [--random]
                 [--charset digits|upper|alnum|cset82] [--length N] [--seed N]
                 [--out DIR | --format csv|ndjson]
  ecc200 demo [--out DIR] [--seed N]
";

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let Some((cmd, rest)) = argv.split_first() else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    let result = match cmd.as_str() {
        "encode" => commands::encode(rest),
        "decode" => commands::decode(rest),
        "matrix" => commands::matrix(rest),
        "grade" => commands::grade(rest),
        "gs1" => commands::gs1(rest),
        "serials" => commands::serials(rest),
        "demo" => commands::demo(rest),
        "-h" | "--help" | "help" => {
            out!("{USAGE}");
            Ok(0)
        }
        "-V" | "--version" => {
            outln!("ecc200 {}", env!("CARGO_PKG_VERSION"));
            Ok(0)
        }
        other => Err(format!("unknown command {other:?} (try ecc200 --help)")),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("ecc200: {e}");
            ExitCode::from(2)
        }
    }
}

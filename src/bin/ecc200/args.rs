//! A small command-line parser: `--flag`, `--key value`, `--key=value`, `-o value`,
//! positionals, and `--` to end options. Each subcommand declares which options take a
//! value; anything unknown is an error that names the option.

use std::collections::HashMap;

pub struct Args {
    values: HashMap<&'static str, Vec<String>>,
    flags: Vec<&'static str>,
    pub positional: Vec<String>,
}

/// One option a subcommand accepts.
pub struct Spec {
    pub name: &'static str,
    pub short: Option<char>,
    pub takes_value: bool,
}

pub const fn flag(name: &'static str) -> Spec {
    Spec {
        name,
        short: None,
        takes_value: false,
    }
}
pub const fn opt(name: &'static str) -> Spec {
    Spec {
        name,
        short: None,
        takes_value: true,
    }
}
pub const fn opt_short(name: &'static str, short: char) -> Spec {
    Spec {
        name,
        short: Some(short),
        takes_value: true,
    }
}

impl Args {
    pub fn parse(argv: &[String], specs: &[Spec]) -> Result<Args, String> {
        let mut a = Args {
            values: HashMap::new(),
            flags: Vec::new(),
            positional: Vec::new(),
        };
        let mut i = 0;
        let mut only_positional = false;
        while i < argv.len() {
            let s = &argv[i];
            i += 1;
            if only_positional || s == "-" || !s.starts_with('-') || s.len() == 1 {
                a.positional.push(s.clone());
                continue;
            }
            if s == "--" {
                only_positional = true;
                continue;
            }
            let (name, inline) = if let Some(long) = s.strip_prefix("--") {
                match long.split_once('=') {
                    Some((n, v)) => (n.to_string(), Some(v.to_string())),
                    None => (long.to_string(), None),
                }
            } else {
                let mut ch = s[1..].chars();
                let c = ch.next().unwrap_or('-');
                let rest: String = ch.collect();
                let spec = specs
                    .iter()
                    .find(|sp| sp.short == Some(c))
                    .ok_or_else(|| format!("unknown option -{c}"))?;
                (spec.name.to_string(), (!rest.is_empty()).then_some(rest))
            };
            let spec = specs
                .iter()
                .find(|sp| sp.name == name)
                .ok_or_else(|| format!("unknown option --{name}"))?;
            if spec.takes_value {
                let v = match inline {
                    Some(v) => v,
                    None => {
                        let v = argv
                            .get(i)
                            .ok_or_else(|| format!("option --{name} needs a value"))?;
                        i += 1;
                        v.clone()
                    }
                };
                a.values.entry(spec.name).or_default().push(v);
            } else {
                if inline.is_some() {
                    return Err(format!("option --{name} takes no value"));
                }
                a.flags.push(spec.name);
            }
        }
        Ok(a)
    }

    pub fn flag(&self, name: &str) -> bool {
        self.flags.contains(&name)
    }

    pub fn value(&self, name: &str) -> Option<&str> {
        self.values
            .get(name)
            .and_then(|v| v.last())
            .map(String::as_str)
    }

    pub fn parsed<T: std::str::FromStr>(&self, name: &str) -> Result<Option<T>, String> {
        match self.value(name) {
            None => Ok(None),
            Some(v) => v
                .parse()
                .map(Some)
                .map_err(|_| format!("--{name}: cannot use {v:?}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sv(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_forms() {
        let specs = [flag("json"), opt("scale"), opt_short("out", 'o')];
        let a = Args::parse(
            &sv(&["--json", "--scale=4", "-o", "x.png", "DATA", "--", "--json"]),
            &specs,
        )
        .unwrap();
        assert!(a.flag("json"));
        assert_eq!(a.parsed::<u32>("scale").unwrap(), Some(4));
        assert_eq!(a.value("out"), Some("x.png"));
        assert_eq!(a.positional, vec!["DATA", "--json"]);
        assert!(Args::parse(&sv(&["--nope"]), &specs).is_err());
        assert!(Args::parse(&sv(&["--scale"]), &specs).is_err());
        assert!(Args::parse(&sv(&["--json=1"]), &specs).is_err());
    }
}

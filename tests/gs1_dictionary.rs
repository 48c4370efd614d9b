//! Cross-checks the generated AI table against the GS1 Barcode Syntax
//! Dictionary when it is available at `../shared/reference/` beside the crate
//! (as in CI), or at the path in `GS1_SYNTAX_DICTIONARY`. Skips with a printed
//! reason otherwise.

use ecc200::gs1::ai::{self, AI_TABLE, DICTIONARY_RELEASE};

fn dictionary() -> Option<String> {
    let candidates = [
        std::env::var("GS1_SYNTAX_DICTIONARY").ok(),
        Some(
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../shared/reference/gs1-syntax-dictionary.txt"
            )
            .to_string(),
        ),
    ];
    for c in candidates.into_iter().flatten() {
        if let Ok(s) = std::fs::read_to_string(&c) {
            return Some(s);
        }
    }
    None
}

struct Entry {
    ai: String,
    flags: String,
    comps: Vec<String>,
    attrs: Vec<String>,
    title: String,
}

fn parse(text: &str) -> (String, Vec<Entry>) {
    let mut release = String::new();
    let mut out = Vec::new();
    for line in text.lines() {
        let t = line.trim();
        if let Some(r) = t.strip_prefix("# Release:") {
            if release.is_empty() {
                release = r.trim().to_string();
            }
        }
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let (body, title) = match t.find('#') {
            Some(i) => (&t[..i], t[i + 1..].trim()),
            None => (t, ""),
        };
        let mut toks = body.split_whitespace();
        let ais = toks.next().unwrap();
        let mut rest: Vec<&str> = toks.collect();
        let mut flags = String::new();
        if let Some(f) = rest.first() {
            if f.chars().all(|c| !c.is_ascii_alphanumeric()) {
                flags = f.to_string();
                rest.remove(0);
            }
        }
        let (comps, attrs): (Vec<&str>, Vec<&str>) = rest.iter().partition(|t| {
            matches!(
                t.trim_start_matches('[').chars().next(),
                Some('N' | 'X' | 'Y' | 'Z')
            )
        });
        let range: Vec<String> = match ais.split_once('-') {
            Some((a, b)) => {
                let (x, y): (u32, u32) = (a.parse().unwrap(), b.parse().unwrap());
                (x..=y).map(|n| format!("{n:0w$}", w = a.len())).collect()
            }
            None => vec![ais.to_string()],
        };
        for ai in range {
            out.push(Entry {
                ai,
                flags: flags.clone(),
                comps: comps.iter().map(|s| s.to_string()).collect(),
                attrs: attrs.iter().map(|s| s.to_string()).collect(),
                title: title.to_string(),
            });
        }
    }
    (release, out)
}

/// Renders a table component back in dictionary notation.
fn render(c: &ai::Component) -> String {
    let mut s = String::new();
    if c.optional {
        s.push('[');
    }
    s.push(c.cset.letter());
    if c.min != c.max {
        s.push_str("..");
    }
    s.push_str(&c.max.to_string());
    if c.optional {
        s.push(']');
    }
    for l in c.linters {
        s.push(',');
        s.push_str(l.name());
    }
    s
}

#[test]
fn table_matches_dictionary() {
    let Some(text) = dictionary() else {
        println!("skipped: ../shared/reference/gs1-syntax-dictionary.txt not found (set GS1_SYNTAX_DICTIONARY)");
        return;
    };
    let (release, entries) = parse(&text);
    assert_eq!(
        release, DICTIONARY_RELEASE,
        "table generated from another release: rerun tools/gen_ai_table.py"
    );
    assert_eq!(entries.len(), AI_TABLE.len());
    assert_eq!(entries.len(), 541);
    for (e, t) in entries.iter().zip(AI_TABLE) {
        assert_eq!(e.ai, t.ai);
        assert_eq!(
            ai::lookup(&e.ai).map(|i| i.ai),
            Some(t.ai),
            "lookup {}",
            e.ai
        );
        assert_eq!(!e.flags.contains('*'), t.fnc1_required, "fnc1 {}", e.ai);
        assert_eq!(e.flags.contains('?'), t.dl_attribute, "dl attr {}", e.ai);
        let comps: Vec<String> = t.components.iter().map(render).collect();
        assert_eq!(e.comps, comps, "components {}", e.ai);
        assert_eq!(e.title, t.title, "title {}", e.ai);
        let min: usize = t
            .components
            .iter()
            .filter(|c| !c.optional)
            .map(|c| c.min as usize)
            .sum();
        let max: usize = t.components.iter().map(|c| c.max as usize).sum();
        assert_eq!((t.min_len(), t.max_len()), (min, max), "lengths {}", e.ai);
        let mut req = Vec::new();
        let mut ex = Vec::new();
        let mut dl: Option<String> = None;
        for a in &e.attrs {
            let (k, v) = a.split_once('=').unwrap_or((a, ""));
            match k {
                "req" => req.push(v.to_string()),
                "ex" => ex.extend(v.split(',').map(str::to_string)),
                "dlpkey" => dl = Some(v.to_string()),
                other => panic!("unknown attribute {other} in {}", e.ai),
            }
        }
        let treq: Vec<String> = t
            .req
            .iter()
            .map(|r| r.iter().map(|g| g.join("+")).collect::<Vec<_>>().join(","))
            .collect();
        assert_eq!(req, treq, "req {}", e.ai);
        let tex: Vec<String> = t.ex.iter().map(|s| s.to_string()).collect();
        assert_eq!(ex, tex, "ex {}", e.ai);
        let tdl = t.dl_pkey.map(|seqs| {
            seqs.iter()
                .map(|s| s.join(","))
                .collect::<Vec<_>>()
                .join("|")
        });
        assert_eq!(dl, tdl, "dlpkey {}", e.ai);
    }
}

#[test]
fn lookup_is_consistent_without_dictionary() {
    for t in AI_TABLE {
        assert_eq!(ai::lookup(t.ai).map(|i| i.ai), Some(t.ai));
        assert_eq!(
            ai::lookup_prefix(format!("{}123", t.ai).as_bytes()).map(|i| i.ai),
            Some(t.ai)
        );
    }
    assert!(ai::lookup("04").is_none());
    assert!(ai::lookup("1").is_none());
    assert!(ai::lookup("01234").is_none());
    assert!(ai::lookup("0x").is_none());
    assert_eq!(ai::lookup("3103").map(|i| i.title), Some("NET WEIGHT (kg)"));
}

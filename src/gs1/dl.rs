//! GS1 Digital Link URIs: parsing to and building from element strings.
//!
//! Rules applied (GS1 Digital Link standard, URI syntax):
//! - scheme `http` or `https`, any domain and any leading path (the stem);
//! - the path ends with `/<primary key AI>/<value>` then qualifier pairs, in
//!   an order allowed by one `dlpkey` sequence of the dictionary (`22,10,21`
//!   or `235` for (01): alternatives do not mix);
//! - the query holds data attributes: numeric AIs flagged as DL attributes in
//!   the dictionary; other numeric AIs are errors; non-numeric parameters
//!   (`linkType`, `context`, `utm_source`...) are ignored with a warning;
//!   a fragment (`#...`) is ignored;
//! - values are percent-decoded; the primary key is fully validated at parse
//!   time, so a zero-suppressed or malformed key (GTIN-13 in place of GTIN-14,
//!   bad check digit) is refused;
//! - only the numeric AI syntax is read (not the alphabetic convenience names
//!   like `/gtin/`).

use super::{
    ai, check_value, AiCode, ElementString, ErrorKind, Gs1Error, Gs1Warning, Shift, MAX_INPUT_LEN,
};

fn dl_err(ai: Option<&str>, pos: usize, len: usize, msg: impl Into<String>) -> Gs1Error {
    Gs1Error::new(ai, pos, len, ErrorKind::DigitalLink, "dl", msg)
}

fn hex(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Appends the percent-decoded `s` (at input offset `pos`) as the value of a
/// new field `ai`.
fn push_decoded(
    es: &mut ElementString,
    code: AiCode,
    ai_pos: usize,
    s: &[u8],
    pos: usize,
) -> Result<(), Gs1Error> {
    let start = es.buf.len();
    let fi = es.fields.len() as u32;
    let mut i = 0;
    while let Some(&c) = s.get(i) {
        let (byte, used) = if c == b'%' {
            match (
                s.get(i + 1).and_then(|&h| hex(h)),
                s.get(i + 2).and_then(|&h| hex(h)),
            ) {
                (Some(h), Some(l)) => (h * 16 + l, 3),
                _ => {
                    return Err(dl_err(
                        Some(code.as_str()),
                        pos + i,
                        (s.len() - i).min(3),
                        "'%' must be followed by two hexadecimal digits",
                    ))
                }
            }
        } else {
            (c, 1)
        };
        if !byte.is_ascii() {
            return Err(Gs1Error::new(
                Some(code.as_str()),
                pos + i,
                used,
                ErrorKind::Charset,
                "cset82",
                format!("byte 0x{byte:02X} is not allowed (GS1 character set 82)"),
            ));
        }
        if used > 1 {
            es.shifts.push(Shift {
                field: fi,
                at: (es.buf.len() - start) as u32,
                extra: 2,
            });
        }
        es.buf.push(byte as char);
        i += used;
    }
    if es.buf.len() == start {
        return Err(dl_err(Some(code.as_str()), pos, 0, "has no data"));
    }
    es.push_parsed(code, ai_pos, pos, start);
    Ok(())
}

fn is_ai_seg(s: &[u8]) -> Option<&'static ai::AiInfo> {
    if (2..=4).contains(&s.len()) && s.iter().all(u8::is_ascii_digit) {
        ai::lookup_bytes(s)
    } else {
        None
    }
}

/// Whether `quals` is an ordered subsequence of one of the `dlpkey` sequences.
fn order_ok<'a>(seqs: &[&[&str]], quals: impl Iterator<Item = &'a [u8]> + Clone) -> bool {
    if quals.clone().next().is_none() {
        return true;
    }
    seqs.iter().any(|seq| {
        let mut k = 0;
        for q in quals.clone() {
            match seq
                .get(k..)
                .unwrap_or(&[])
                .iter()
                .position(|s| s.as_bytes() == q)
            {
                Some(j) => k += j + 1,
                None => return false,
            }
        }
        true
    })
}

pub(super) fn parse(uri: &str) -> Result<ElementString, Gs1Error> {
    let b = uri.as_bytes();
    if b.len() > MAX_INPUT_LEN {
        return Err(super::err_input_too_long(b.len()));
    }
    let starts = |scheme: &[u8]| {
        b.get(..scheme.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(scheme))
    };
    let after_scheme = if starts(b"https://") {
        8
    } else if starts(b"http://") {
        7
    } else {
        return Err(dl_err(
            None,
            0,
            b.len().min(8),
            "a GS1 Digital Link URI starts with http:// or https://",
        ));
    };
    let end = b.iter().position(|&c| c == b'#').unwrap_or(b.len());
    let qmark = b
        .get(..end)
        .and_then(|pre| pre.iter().position(|&c| c == b'?'))
        .unwrap_or(end);
    // the scheme holds no '?' nor '#': after_scheme <= qmark
    let host_end = after_scheme
        + b.get(after_scheme..qmark)
            .and_then(|host| host.iter().position(|&c| c == b'/'))
            .unwrap_or(qmark.saturating_sub(after_scheme));
    if host_end == after_scheme {
        return Err(dl_err(None, after_scheme, 0, "URI has no domain"));
    }
    // path segments with offsets (none when the host ends at the query)
    let mut segs: Vec<(usize, &[u8])> = Vec::with_capacity(12);
    if let Some(path) = b.get(host_end + 1..qmark) {
        let mut s = host_end + 1;
        for seg in path.split(|&c| c == b'/') {
            segs.push((s, seg));
            s += seg.len() + 1;
        }
    }
    let n = segs.len();
    let mut found = None;
    let mut order_error = None;
    for (i, &(seg_pos, seg)) in segs.iter().enumerate() {
        let Some(info) = is_ai_seg(seg) else {
            continue;
        };
        let Some(seqs) = info.dl_pkey else { continue };
        if !(n - i).is_multiple_of(2) {
            continue;
        }
        let quals = segs.iter().skip(i + 2).step_by(2).map(|&(_, q)| q);
        if order_ok(seqs, quals) {
            found = Some(i);
            break;
        }
        if order_error.is_none() {
            let allowed: Vec<String> = seqs.iter().map(|s| s.join(",")).collect();
            let (pos, len) = (seg_pos, qmark - seg_pos);
            order_error = Some(dl_err(
                Some(info.ai),
                pos,
                len,
                if allowed.is_empty() || allowed.iter().all(|a| a.is_empty()) {
                    "primary key takes no qualifiers in the path".to_string()
                } else {
                    format!(
                        "qualifiers must follow the key in the order {}",
                        allowed.join(" or ")
                    )
                },
            ));
        }
    }
    let Some(ki) = found else {
        return Err(order_error.unwrap_or_else(|| {
            dl_err(
                None,
                host_end,
                qmark - host_end,
                "no GS1 primary key (e.g. /01/<GTIN>) in the path",
            )
        }));
    };
    let mut es = ElementString {
        buf: String::with_capacity(b.len()),
        fields: Vec::with_capacity(8),
        ..Default::default()
    };
    // key and qualifiers: (AI, value) pairs from the key on
    for pair in segs.get(ki..).unwrap_or_default().chunks_exact(2) {
        let &[(apos, a), (vpos, v)] = pair else {
            continue;
        };
        let code = AiCode::new(a).ok_or_else(|| dl_err(None, apos, a.len(), "not an AI"))?;
        push_decoded(&mut es, code, apos, v, vpos)?;
    }
    // the primary key must be complete and valid
    if let Some(info) = es.fields.first().and_then(|f| f.info) {
        let mut errs = Vec::new();
        check_value(&es, 0, info, &mut errs);
        if let Some(mut e) = errs.into_iter().next() {
            e.message = format!("primary key is not valid: {}", e.message);
            return Err(e);
        }
    }
    // query attributes
    // (none when there is no '?')
    let query = b.get(qmark + 1..end).unwrap_or_default();
    let mut next = qmark + 1;
    for param in query.split(|&c| c == b'&') {
        let q = next;
        next += param.len() + 1;
        if !param.is_empty() {
            let mut kv = param.splitn(2, |&c| c == b'=');
            let key = kv.next().unwrap_or_default();
            let value = kv.next();
            if !key.is_empty() && key.iter().all(u8::is_ascii_digit) {
                let code = AiCode::new(key);
                let info = code.and_then(|c| ai::lookup_bytes(c.bytes()));
                let (Some(code), Some(info)) = (code, info) else {
                    return Err(Gs1Error::new(
                        None,
                        q,
                        key.len(),
                        ErrorKind::UnknownAi,
                        "unknown-ai",
                        format!(
                            "query parameter {} is not a GS1 AI",
                            String::from_utf8_lossy(key)
                        ),
                    ));
                };
                if !info.dl_attribute {
                    return Err(dl_err(
                        Some(info.ai),
                        q,
                        key.len(),
                        "is not permitted as a Digital Link data attribute",
                    ));
                }
                if es.fields.iter().any(|f| f.ai == code) {
                    return Err(dl_err(
                        Some(info.ai),
                        q,
                        param.len(),
                        "is already in the path",
                    ));
                }
                let Some(value) = value else {
                    return Err(dl_err(Some(info.ai), q, key.len(), "has no data"));
                };
                push_decoded(&mut es, code, q, value, q + key.len() + 1)?;
            } else {
                es.warnings.push(Gs1Warning {
                    ai: None,
                    position: q,
                    length: param.len(),
                    rule: "dl-ignored-param",
                    message: format!(
                        "query parameter '{}' is not an AI and is ignored",
                        String::from_utf8_lossy(key)
                    ),
                });
            }
        }
    }
    Ok(es)
}

fn pct_encode(out: &mut String, v: &str) {
    for &c in v.as_bytes() {
        if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~') {
            out.push(c as char);
        } else {
            out.push_str(&format!("%{c:02X}"));
        }
    }
}

pub(super) fn build(es: &ElementString, stem: &str) -> Result<String, Gs1Error> {
    let fields: Vec<_> = es.fields().collect();
    let Some((ki, key)) = fields
        .iter()
        .enumerate()
        .find(|(_, f)| f.info.is_some_and(|i| i.dl_pkey.is_some()))
    else {
        return Err(dl_err(
            None,
            0,
            0,
            "no GS1 Digital Link primary key (such as (01), (00), (414)) in the data",
        ));
    };
    let seqs = key.info.and_then(|i| i.dl_pkey).unwrap_or(&[]);
    let best = seqs
        .iter()
        .max_by_key(|seq| {
            seq.iter()
                .filter(|q| fields.iter().any(|f| f.ai == **q))
                .count()
        })
        .copied()
        .unwrap_or(&[]);
    let mut used = vec![false; fields.len()];
    let mut mark = |j: usize| {
        if let Some(u) = used.get_mut(j) {
            *u = true;
        }
    };
    mark(ki);
    let mut out = String::with_capacity(stem.len() + 64);
    out.push_str(stem.trim_end_matches('/'));
    out.push('/');
    out.push_str(key.ai);
    out.push('/');
    pct_encode(&mut out, key.value);
    for q in best {
        if let Some((j, f)) = fields.iter().enumerate().find(|(_, f)| f.ai == *q) {
            mark(j);
            out.push('/');
            out.push_str(q);
            out.push('/');
            pct_encode(&mut out, f.value);
        }
    }
    let mut first = true;
    // `fields` are `es.fields` one for one
    for ((f, rec), &u) in fields.iter().zip(&es.fields).zip(&used) {
        if u {
            continue;
        }
        if !f.info.is_some_and(|i| i.dl_attribute) {
            let pos = rec.ai_pos as usize;
            return Err(dl_err(
                Some(f.ai),
                pos,
                f.ai.len() + 2,
                "cannot be carried in a Digital Link URI",
            ));
        }
        out.push(if first { '?' } else { '&' });
        first = false;
        out.push_str(f.ai);
        out.push('=');
        pct_encode(&mut out, f.value);
    }
    Ok(out)
}

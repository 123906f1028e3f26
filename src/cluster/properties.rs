//! Java `.properties` files as `Properties.load` reads them: `key=value`, `key: value` or
//! `key value`; `#` and `!` comments; a trailing backslash continues a line (how
//! `sasl.jaas.config` is usually split); `\t`, `\n`, `\uXXXX` escapes.

/// One `key=value` entry and the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Property {
    pub line: usize,
    pub key: String,
    pub value: String,
}

/// Every entry of a properties text, in file order.
pub fn parse_properties(text: &str) -> Vec<Property> {
    let mut properties = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((index, line)) = lines.next() {
        let first = line.trim_start_matches([' ', '\t', '\u{c}']);
        if first.is_empty() || first.starts_with('#') || first.starts_with('!') {
            continue;
        }
        let mut logical = first.to_string();
        while ends_in_continuation(&logical) {
            logical.pop();
            match lines.next() {
                Some((_, next)) => logical.push_str(next.trim_start_matches([' ', '\t', '\u{c}'])),
                None => break,
            }
        }
        let (key, value) = split_entry(&logical);
        properties.push(Property {
            line: index + 1,
            key: unescape(key),
            value: unescape(value),
        });
    }
    properties
}

/// An odd number of trailing backslashes: the last one escapes the line break.
fn ends_in_continuation(line: &str) -> bool {
    line.chars().rev().take_while(|&c| c == '\\').count() % 2 == 1
}

/// Splits at the first unescaped `=`, `:` or whitespace; one separator and the spaces
/// around it belong to neither side.
fn split_entry(line: &str) -> (&str, &str) {
    let mut escaped = false;
    let mut end = line.len();
    for (i, c) in line.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if matches!(c, '=' | ':' | ' ' | '\t' | '\u{c}') {
            end = i;
            break;
        }
    }
    let key = &line[..end];
    let rest = line[end..].trim_start_matches([' ', '\t', '\u{c}']);
    let rest = rest
        .strip_prefix(['=', ':'])
        .map_or(rest, |r| r.trim_start_matches([' ', '\t', '\u{c}']));
    (key, rest)
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('f') => out.push('\u{c}'),
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    Some(decoded) => out.push(decoded),
                    None => out.push_str(&hex),
                }
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(usize, String, String)> {
        parse_properties(text)
            .into_iter()
            .map(|p| (p.line, p.key, p.value))
            .collect()
    }

    #[test]
    fn separators_comments_and_blank_lines() {
        let text = "# comment\n! also\n\na=1\nb : 2\nc 3\n  d=\ne=x=y\n";
        let expected = [
            (4, "a", "1"),
            (5, "b", "2"),
            (6, "c", "3"),
            (7, "d", ""),
            (8, "e", "x=y"),
        ];
        let expected: Vec<_> = expected
            .iter()
            .map(|(l, k, v)| (*l, k.to_string(), v.to_string()))
            .collect();
        assert_eq!(pairs(text), expected);
    }

    #[test]
    fn continuation_lines_join_without_leading_spaces() {
        let text = "sasl.jaas.config=org.Module required \\\n    username=\"u\" \\\n    password=\"p\";\nnext=1\n";
        assert_eq!(
            pairs(text),
            vec![
                (
                    1,
                    "sasl.jaas.config".to_string(),
                    "org.Module required username=\"u\" password=\"p\";".to_string()
                ),
                (4, "next".to_string(), "1".to_string()),
            ]
        );
    }

    #[test]
    fn escapes_are_decoded() {
        assert_eq!(
            pairs("k\\=ey=a\\tb\\u0041\\\\\r\n"),
            vec![(1, "k=ey".to_string(), "a\tbA\\".to_string())]
        );
    }
}

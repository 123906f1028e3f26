//! A `sasl.jaas.config` value: one JAAS login module entry, as Kafka's Java clients
//! write it (`Module required username="..." password="...";`).

/// One JAAS login module entry.
pub struct Jaas {
    pub module: String,
    /// `key=value` options in order, values unquoted.
    pub options: Vec<(String, String)>,
}

/// `Module flag key="value" key2=value2;`
pub fn parse_jaas(text: &str) -> Option<Jaas> {
    let text = text.trim();
    let text = text.strip_suffix(';').unwrap_or(text).trim_end();
    let mut rest = text;
    let module = take_word(&mut rest)?;
    let flag = take_word(&mut rest)?;
    if !matches!(
        flag.as_str(),
        "required" | "requisite" | "sufficient" | "optional"
    ) {
        return None;
    }
    let mut options = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return Some(Jaas { module, options });
        }
        let (key, after) = rest.split_once('=')?;
        rest = after.trim_start();
        let value = take_value(&mut rest)?;
        options.push((key.trim().to_string(), value));
    }
}

fn take_word(rest: &mut &str) -> Option<String> {
    let text = rest.trim_start();
    let end = text.find(char::is_whitespace).unwrap_or(text.len());
    if end == 0 {
        return None;
    }
    *rest = &text[end..];
    Some(text[..end].to_string())
}

/// A quoted value (`\"` and `\\` escaped) or a bare word.
fn take_value(rest: &mut &str) -> Option<String> {
    let Some(quoted) = rest.strip_prefix('"') else {
        return take_word(rest);
    };
    let mut value = String::new();
    let mut chars = quoted.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => value.push(chars.next()?.1),
            '"' => {
                *rest = &quoted[i + 1..];
                return Some(value);
            }
            c => value.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jaas_values_may_hold_escaped_quotes() {
        let jaas = parse_jaas(r#"M required username="u" password="a\"b\\c";"#).unwrap();
        assert_eq!(jaas.module, "M");
        assert_eq!(
            jaas.options,
            vec![
                ("username".to_string(), "u".to_string()),
                ("password".to_string(), "a\"b\\c".to_string())
            ]
        );
    }

    #[test]
    fn a_module_without_a_flag_or_with_an_open_quote_is_unreadable() {
        assert!(parse_jaas("Module username=\"u\";").is_none());
        assert!(parse_jaas("Module required password=\"open;").is_none());
    }
}

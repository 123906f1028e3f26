//! Which language to write in: `--lang`, then `KPLAN_LANG`, then the POSIX locale
//! (`LC_ALL`, `LC_MESSAGES`, `LANG`: the first one set decides); English otherwise.

use super::Lang;

/// The environment variable that picks the language when `--lang` is not given.
pub const LANG_ENV: &str = "KPLAN_LANG";

/// A language tag as people write it: `ko`, `ko-KR`, `ko_KR.UTF-8`, `en_US`.
pub fn parse_lang(tag: &str) -> Option<Lang> {
    let primary = tag
        .split(['-', '_', '.', '@'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    match primary.as_str() {
        "en" => Some(Lang::En),
        "ko" => Some(Lang::Ko),
        _ => None,
    }
}

/// The language when `--lang` is absent, from the variables `var` reads. An unknown
/// `KPLAN_LANG` is an error (the caller's, with the value); a locale kplan does not
/// speak (`C`, `de_DE.UTF-8`) means English.
pub fn from_environment(var: impl Fn(&str) -> Option<String>) -> Result<Lang, String> {
    let set = |name: &str| var(name).filter(|v| !v.trim().is_empty());
    if let Some(tag) = set(LANG_ENV) {
        return parse_lang(tag.trim()).ok_or(tag);
    }
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|name| set(name))
        .unwrap_or_default();
    Ok(if locale.to_ascii_lowercase().starts_with("ko") {
        Lang::Ko
    } else {
        Lang::En
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn kplan_lang_comes_before_the_locale() {
        let vars = [("KPLAN_LANG", "en"), ("LANG", "ko_KR.UTF-8")];
        assert_eq!(from_environment(env(&vars)), Ok(Lang::En));
        let vars = [("KPLAN_LANG", "ko-KR"), ("LANG", "en_US.UTF-8")];
        assert_eq!(from_environment(env(&vars)), Ok(Lang::Ko));
    }

    #[test]
    fn the_first_locale_variable_set_decides() {
        let vars = [("LC_ALL", "C"), ("LANG", "ko_KR.UTF-8")];
        assert_eq!(from_environment(env(&vars)), Ok(Lang::En));
        let vars = [("LC_MESSAGES", "ko_KR.UTF-8"), ("LANG", "en_US.UTF-8")];
        assert_eq!(from_environment(env(&vars)), Ok(Lang::Ko));
        let vars = [("LC_ALL", ""), ("LANG", "ko_KR.eucKR")];
        assert_eq!(from_environment(env(&vars)), Ok(Lang::Ko));
    }

    #[test]
    fn english_without_any_variable_or_with_another_locale() {
        assert_eq!(from_environment(env(&[])), Ok(Lang::En));
        let vars = [("LANG", "de_DE.UTF-8")];
        assert_eq!(from_environment(env(&vars)), Ok(Lang::En));
    }

    #[test]
    fn an_unknown_kplan_lang_is_an_error_with_its_value() {
        let vars = [("KPLAN_LANG", "fr")];
        assert_eq!(from_environment(env(&vars)), Err("fr".to_string()));
    }
}

//! The compiled-in Fluent bundles, parsed once per process.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

use super::{Arg, Lang, Message};

const EN: &str = include_str!("../../locales/en.ftl");
const KO: &str = include_str!("../../locales/ko.ftl");

type Bundle = FluentBundle<FluentResource>;

static BUNDLES: LazyLock<[Bundle; 2]> = LazyLock::new(|| [bundle(Lang::En), bundle(Lang::Ko)]);

pub fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::En => EN,
        Lang::Ko => KO,
    }
}

/// A bundle of `lang`'s messages. A syntax error drops only the broken entry (Fluent
/// recovers per entry); the tests parse both files strictly.
fn bundle(lang: Lang) -> Bundle {
    let resource = FluentResource::try_new(source(lang).to_string()).unwrap_or_else(|(r, _)| r);
    let id: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut bundle = Bundle::new_concurrent(vec![id]);
    // No Unicode isolation marks around placeables: terminals, Jira and Markdown would
    // show them, and every argument is left-to-right text already.
    bundle.set_use_isolating(false);
    // Ids are unique within a file (tested), so adding cannot clash.
    let _ = bundle.add_resource(resource);
    bundle
}

fn bundle_of(lang: Lang) -> &'static Bundle {
    &BUNDLES[match lang {
        Lang::En => 0,
        Lang::Ko => 1,
    }]
}

/// `message` in `lang`, or what Fluent found wrong (a missing message or variable).
pub fn format(lang: Lang, message: &Message) -> Result<String, Vec<String>> {
    let bundle = bundle_of(lang);
    let pattern = bundle
        .get_message(&message.id)
        .and_then(|m| m.value())
        .ok_or_else(|| vec![format!("{lang}: no message {}", message.id)])?;
    let mut args = FluentArgs::with_capacity(message.args.len());
    for (name, value) in &message.args {
        let text = match value {
            Arg::Text(text) => text.clone(),
            Arg::Message(inner) => format(lang, inner)?,
        };
        args.set(*name, text);
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
    if errors.is_empty() {
        Ok(text.into_owned())
    } else {
        Err(errors
            .iter()
            .map(|e| format!("{lang}: {}: {e}", message.id))
            .collect())
    }
}

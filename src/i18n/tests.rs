//! The two .ftl files must say the same things: the same message ids, each with the same
//! variables and the same select variants, and every message must format without a
//! Fluent error. The files are read by fluent-syntax's strict parser, not by the code
//! under test.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::{
    Entry, Expression, InlineExpression, Pattern, PatternElement, VariantKey,
};

use super::*;

/// What a message needs from the code: its variables, and for each selector the
/// variant keys it knows.
#[derive(Debug, Default)]
struct Needs {
    variables: BTreeSet<String>,
    selectors: BTreeMap<String, BTreeSet<String>>,
}

fn walk_inline(expression: &InlineExpression<&str>, needs: &mut Needs) {
    match expression {
        InlineExpression::VariableReference { id } => {
            needs.variables.insert(id.name.to_string());
        }
        InlineExpression::Placeable { expression } => walk(expression, needs),
        _ => {}
    }
}

fn walk(expression: &Expression<&str>, needs: &mut Needs) {
    match expression {
        Expression::Inline(inline) => walk_inline(inline, needs),
        Expression::Select { selector, variants } => {
            walk_inline(selector, needs);
            let name = match selector {
                InlineExpression::VariableReference { id } => id.name.to_string(),
                other => format!("{other:?}"),
            };
            let keys = variants.iter().map(|v| match &v.key {
                VariantKey::Identifier { name } | VariantKey::NumberLiteral { value: name } => {
                    name.to_string()
                }
            });
            needs.selectors.entry(name).or_default().extend(keys);
            for variant in variants {
                walk_pattern(&variant.value, needs);
            }
        }
    }
}

fn walk_pattern(pattern: &Pattern<&str>, needs: &mut Needs) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            walk(expression, needs);
        }
    }
}

/// Every message of `lang`'s file with what it needs; fails on a syntax error, a
/// duplicate id, or a message without a value.
fn messages(lang: Lang) -> BTreeMap<String, Needs> {
    let resource = fluent_syntax::parser::parse(source(lang))
        .unwrap_or_else(|(_, errors)| panic!("{lang}.ftl does not parse: {errors:?}"));
    let mut out = BTreeMap::new();
    for entry in &resource.body {
        match entry {
            Entry::Message(message) => {
                let id = message.id.name.to_string();
                let value = message
                    .value
                    .as_ref()
                    .unwrap_or_else(|| panic!("{lang}.ftl: {id} has no value"));
                let mut needs = Needs::default();
                walk_pattern(value, &mut needs);
                assert!(
                    out.insert(id.clone(), needs).is_none(),
                    "{lang}.ftl: {id} twice"
                );
            }
            Entry::Junk { content } => panic!("{lang}.ftl: cannot read {content:?}"),
            _ => {}
        }
    }
    out
}

#[test]
fn both_languages_have_the_same_message_ids() {
    let en: BTreeSet<String> = messages(Lang::En).into_keys().collect();
    let ko: BTreeSet<String> = messages(Lang::Ko).into_keys().collect();
    assert!(en.len() > 150, "{} messages in en.ftl", en.len());
    let only_en: Vec<_> = en.difference(&ko).collect();
    let only_ko: Vec<_> = ko.difference(&en).collect();
    assert!(
        only_en.is_empty() && only_ko.is_empty(),
        "only in en.ftl: {only_en:?}; only in ko.ftl: {only_ko:?}"
    );
}

#[test]
fn each_message_uses_the_same_variables_and_variants_in_both_languages() {
    let ko = messages(Lang::Ko);
    for (id, en_needs) in messages(Lang::En) {
        let Some(ko_needs) = ko.get(&id) else {
            continue;
        };
        assert_eq!(
            en_needs.variables, ko_needs.variables,
            "{id}: en.ftl and ko.ftl use different variables"
        );
        // A language may select on a value the other prints as it is (a topic type).
        for (selector, keys) in &en_needs.selectors {
            if let Some(ko_keys) = ko_needs.selectors.get(selector) {
                assert_eq!(keys, ko_keys, "{id}: the variants of ${selector} differ");
            }
        }
    }
}

/// With every variable it names set (each selector to each of its keys in turn), every
/// message formats without a Fluent error in both languages, and without isolation
/// marks.
#[test]
fn every_message_formats_with_its_variables() {
    for lang in Lang::ALL {
        for (id, needs) in messages(lang) {
            let mut cases = vec![BTreeMap::new()];
            for (selector, keys) in &needs.selectors {
                cases = cases
                    .into_iter()
                    .flat_map(|case| {
                        keys.iter().map(move |key| {
                            let mut case = case.clone();
                            case.insert(selector.clone(), key.clone());
                            case
                        })
                    })
                    .collect();
            }
            for case in cases {
                let mut message = Message::new(id.clone());
                for variable in &needs.variables {
                    let value = case
                        .get(variable)
                        .cloned()
                        .unwrap_or_else(|| "1,234".into());
                    let name: &'static str = Box::leak(variable.clone().into_boxed_str());
                    message = message.arg(name, value);
                }
                let text = message
                    .try_render(lang)
                    .unwrap_or_else(|e| panic!("{lang}: {id} {case:?}: {e:?}"));
                assert!(!text.contains(['\u{2068}', '\u{2069}']), "{lang}: {id}");
                assert!(!text.trim().is_empty(), "{lang}: {id}");
            }
        }
    }
}

#[test]
fn a_missing_variable_is_reported_not_hidden() {
    let message = Message::new("warning-over-cap").arg("needed", "40");
    assert!(message.try_render(Lang::En).is_err());
    assert!(
        Message::new("no-such-message")
            .try_render(Lang::Ko)
            .is_err()
    );
    // Rendering for people still gives text: never a panic or an empty line.
    assert_eq!(
        Message::new("no-such-message").render(Lang::Ko),
        "no-such-message"
    );
}

#[test]
fn english_is_the_default() {
    assert_eq!(Lang::default(), Lang::En);
}

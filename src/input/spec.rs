//! Field tables: each input file's keys written once, as data. The strict reader takes
//! from a table whether a key is known, whether it is required and what range it
//! accepts; `kplan schema` writes the same table as JSON Schema; the profile checks apply
//! its bounds; tests walk it to prove the reader reads every key it lists.

/// What one key holds, with the bounds the reader enforces.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// A whole number within `min..=max` (a float with no fraction counts).
    Integer { min: u64, max: u64 },
    /// A finite number within `min..=max`; when `positive`, zero and below are refused
    /// as not positive (the schema's exclusive minimum of 0).
    Number { min: f64, max: f64, positive: bool },
    /// A string with something besides blanks in it.
    Text,
    /// A Kafka topic name.
    TopicName,
    /// A Prometheus metric name without a histogram's suffixes.
    MetricName,
    /// A regular expression.
    Pattern,
    /// One of the names listed.
    Choice(&'static [&'static str]),
    /// An array of names, each one of those listed.
    ChoiceList(&'static [&'static str]),
    /// An array of strings.
    TextList,
    /// `true` or `false`.
    Flag,
    /// A table of strings under any keys (`{ name = "orders" }`).
    TextMap,
    /// A table whose keys are among `keys`, each set to one of `choices`.
    ChoiceMap {
        keys: &'static [&'static str],
        choices: &'static [&'static str],
    },
    /// A table that holds only the keys listed.
    Table(&'static [Field]),
}

/// A domain value named by a choice key (`online`, `at-least-once`).
pub trait Named: Copy + 'static {
    fn name(self) -> &'static str;
}

/// The value a key takes when it is left out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Default {
    Integer(u64),
    Number(f64),
    Name(&'static str),
    Flag(bool),
}

/// One key of an input file.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Field {
    pub key: &'static str,
    pub kind: Kind,
    pub required: bool,
    pub default: Option<Default>,
    /// What the key means, in the user's terms (the schema's description).
    pub doc: &'static str,
}

impl Field {
    /// An optional key with no default.
    pub const fn optional(key: &'static str, kind: Kind, doc: &'static str) -> Field {
        Field {
            key,
            kind,
            required: false,
            default: None,
            doc,
        }
    }

    /// A key every file must give.
    pub const fn required(key: &'static str, kind: Kind, doc: &'static str) -> Field {
        Field {
            required: true,
            ..Field::optional(key, kind, doc)
        }
    }

    /// An optional key that takes `default` when left out.
    pub const fn defaults_to(self, default: Default) -> Field {
        Field {
            default: Some(default),
            ..self
        }
    }

    /// The same bounds under another name and description, with no default: one bound,
    /// several files.
    pub const fn renamed(self, key: &'static str, doc: &'static str) -> Field {
        Field {
            key,
            doc,
            default: None,
            ..self
        }
    }

    /// The same key, required or not.
    pub const fn with_required(self, required: bool) -> Field {
        Field { required, ..self }
    }

    /// The keys of a table field; empty for any other kind.
    pub fn fields(&self) -> &'static [Field] {
        match self.kind {
            Kind::Table(fields) => fields,
            _ => &[],
        }
    }

    /// The field under `key` of a table field.
    pub fn field(&self, key: &str) -> Option<&'static Field> {
        self.fields().iter().find(|f| f.key == key)
    }

    /// The field at a dotted path (`sizing.headroom`) below this table.
    pub fn at_path(&self, path: &str) -> Option<&'static Field> {
        let (head, rest) = match path.split_once('.') {
            Some((head, rest)) => (head, Some(rest)),
            None => (path, None),
        };
        let field = self.field(head)?;
        match rest {
            Some(rest) => field.at_path(rest),
            None => Some(field),
        }
    }

    /// Every key below this table that holds a value, as a dotted path with its field,
    /// in table order.
    pub fn leaves(&self) -> Vec<(String, &'static Field)> {
        let mut out = Vec::new();
        for field in self.fields() {
            match field.kind {
                Kind::Table(_) => {
                    for (path, leaf) in field.leaves() {
                        out.push((format!("{}.{path}", field.key), leaf));
                    }
                }
                _ => out.push((field.key.to_string(), field)),
            }
        }
        out
    }
}

/// A table of fields: a file's root or one of its sections.
pub const fn table(key: &'static str, fields: &'static [Field], doc: &'static str) -> Field {
    Field::optional(key, Kind::Table(fields), doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    const INNER: &[Field] = &[Field::required(
        "mean",
        Kind::Number {
            min: 0.0,
            max: 1.0,
            positive: true,
        },
        "m",
    )];
    const SECTION: &[Field] = &[
        table("inner", INNER, "i"),
        Field::optional("flag", Kind::Flag, "f"),
    ];
    const ROOT: Field = table("", &[table("section", SECTION, "s")], "root");

    #[test]
    fn paths_reach_nested_fields_and_leaves_list_them_all() {
        assert_eq!(
            ROOT.at_path("section.inner.mean").map(|f| f.key),
            Some("mean")
        );
        assert_eq!(ROOT.at_path("section.nothing"), None);
        let leaves: Vec<String> = ROOT.leaves().into_iter().map(|(p, _)| p).collect();
        assert_eq!(leaves, ["section.inner.mean", "section.flag"]);
    }
}

//! Kafka client setting values: numbers, flags and the enumerations Kafka clients
//! accept. They print as the Java client's properties file spells them.

use std::fmt;

/// A client setting's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingValue {
    /// A count, a size in bytes or a duration in milliseconds: the key says which.
    Integer(u64),
    Flag(bool),
    Acks(Acks),
    Compression(Compression),
    OffsetReset(OffsetReset),
    Isolation(Isolation),
    /// Text the model passes on as it is: a transactional.id prefix, an assignor class.
    Text(String),
}

impl SettingValue {
    pub fn integer(&self) -> Option<u64> {
        match self {
            SettingValue::Integer(n) => Some(*n),
            _ => None,
        }
    }

    pub fn flag(&self) -> Option<bool> {
        match self {
            SettingValue::Flag(b) => Some(*b),
            _ => None,
        }
    }
}

impl fmt::Display for SettingValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SettingValue::Integer(n) => write!(f, "{n}"),
            SettingValue::Flag(b) => write!(f, "{b}"),
            SettingValue::Acks(a) => f.write_str(a.as_str()),
            SettingValue::Compression(c) => f.write_str(c.as_str()),
            SettingValue::OffsetReset(o) => f.write_str(o.as_str()),
            SettingValue::Isolation(i) => f.write_str(i.as_str()),
            SettingValue::Text(t) => f.write_str(t),
        }
    }
}

/// How many replicas acknowledge a write before the producer counts it sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Acks {
    /// `0`: no acknowledgement at all.
    None,
    /// `1`: the leader's.
    Leader,
    /// `all` (also spelled `-1`): every in-sync replica's.
    All,
}

impl Acks {
    /// Every spelling the Java client accepts, as a profile may write it.
    pub const SPELLINGS: &'static [&'static str] = &["0", "1", "all", "-1"];

    /// The profile's spelling, as the Java client accepts it.
    pub fn parse(text: &str) -> Option<Acks> {
        match text {
            "0" => Some(Acks::None),
            "1" => Some(Acks::Leader),
            "all" | "-1" => Some(Acks::All),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Acks::None => "0",
            Acks::Leader => "1",
            Acks::All => "all",
        }
    }
}

/// `compression.type`'s codecs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Snappy,
    Lz4,
    Zstd,
}

impl Compression {
    pub const ALL: [Compression; 5] = [
        Compression::None,
        Compression::Gzip,
        Compression::Snappy,
        Compression::Lz4,
        Compression::Zstd,
    ];

    /// In the order of [`Compression::ALL`].
    pub const NAMES: &'static [&'static str] = &["none", "gzip", "snappy", "lz4", "zstd"];

    pub fn parse(text: &str) -> Option<Compression> {
        Self::ALL.into_iter().find(|c| c.as_str() == text)
    }

    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// Where a consumer group without a committed offset starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OffsetReset {
    Earliest,
    Latest,
}

impl OffsetReset {
    pub fn as_str(self) -> &'static str {
        match self {
            OffsetReset::Earliest => "earliest",
            OffsetReset::Latest => "latest",
        }
    }
}

/// `isolation.level`: whether records of open and aborted transactions are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Isolation {
    ReadCommitted,
    ReadUncommitted,
}

impl Isolation {
    pub fn as_str(self) -> &'static str {
        match self {
            Isolation::ReadCommitted => "read_committed",
            Isolation::ReadUncommitted => "read_uncommitted",
        }
    }
}

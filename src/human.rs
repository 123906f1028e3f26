//! Numbers and sizes as people read them in tables, reasons and tickets. Deterministic:
//! the same value always prints the same way.

/// `3,600,000`, `2,000.5`, `55.56`, `0.0123`: thousands separated, few decimals.
pub fn number(x: f64) -> String {
    if !x.is_finite() {
        return "unbounded".to_string();
    }
    let decimals = match x.abs() {
        a if a >= 100.0 || a == 0.0 => 1,
        a if a >= 1.0 => 2,
        a => (2 - a.log10().floor() as i32).clamp(2, 12) as usize,
    };
    let text = format!("{:.*}", decimals, x);
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    group_thousands(&text)
}

/// `3,600,000` for an integer.
pub fn count(n: u64) -> String {
    group_thousands(&n.to_string())
}

fn group_thousands(text: &str) -> String {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (int, frac) = match rest.find('.') {
        Some(dot) => (&rest[..dot], &rest[dot..]),
        None => (rest, ""),
    };
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, digit) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("{sign}{grouped}{frac}")
}

/// `512 B`, `16 KiB`, `1.5 MiB`, `2 GiB`.
pub fn bytes(n: f64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if n < 1024.0 {
        return format!("{} B", number(n));
    }
    let mut value = n / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    let text = format!("{value:.1}");
    let text = text.strip_suffix(".0").unwrap_or(&text);
    format!("{text} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(number(3_600_000.0), "3,600,000");
        assert_eq!(number(2000.5), "2,000.5");
        assert_eq!(number(55.5555), "55.56");
        assert_eq!(number(18.0), "18");
        assert_eq!(number(0.0123456), "0.0123");
        assert_eq!(number(0.5), "0.5");
        assert_eq!(number(0.0), "0");
        assert_eq!(number(-1234.0), "-1,234");
        assert_eq!(number(f64::INFINITY), "unbounded");
    }

    #[test]
    fn bytes_use_binary_units() {
        assert_eq!(bytes(512.0), "512 B");
        assert_eq!(bytes(16384.0), "16 KiB");
        assert_eq!(bytes(1.5 * 1048576.0), "1.5 MiB");
        assert_eq!(bytes(1073741824.0), "1 GiB");
    }

    #[test]
    fn counts_group_thousands() {
        assert_eq!(count(0), "0");
        assert_eq!(count(1000), "1,000");
        assert_eq!(
            count(18_446_744_073_709_551_615),
            "18,446,744,073,709,551,615"
        );
    }
}

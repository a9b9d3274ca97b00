//! Whether two words are one slip of the finger apart: a letter dropped,
//! added or replaced, or two neighbours swapped (Damerau-Levenshtein ≤ 1).

pub fn within_one_edit(a: &[u8], b: &[u8]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    match long.len() - short.len() {
        0 => {
            let Some(first) = short.iter().zip(long).position(|(x, y)| x != y) else {
                return true;
            };
            // One substitution, or one swap of neighbours.
            short[first + 1..] == long[first + 1..]
                || (first + 1 < short.len()
                    && short[first] == long[first + 1]
                    && short[first + 1] == long[first]
                    && short[first + 2..] == long[first + 2..])
        }
        1 => {
            let first = short
                .iter()
                .zip(long)
                .position(|(x, y)| x != y)
                .unwrap_or(short.len());
            short[first..] == long[first + 1..]
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(a: &str, b: &str) -> bool {
        within_one_edit(a.as_bytes(), b.as_bytes())
    }

    #[test]
    fn slips_of_one_key() {
        assert!(one("kazakhstan", "kazkhstan"));
        assert!(one("investment", "invstment"));
        assert!(one("trade", "tarde"));
        assert!(one("trade", "trafe"));
        assert!(one("trade", "trades"));
        assert!(one("trade", "trade"));
        assert!(!one("trade", "tread"));
        assert!(!one("trade", "tra"));
        assert!(!one("growing", "glowinf"));
    }
}

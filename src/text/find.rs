//! Substring search for the text reader (and the check whether a JSON body
//! may hold an error deeper).
//!
//! The reader looks for dozens of fixed words (markers, phrases, a vendor's
//! fixed messages) in one short text. Building a searcher per word, as
//! `str::find` and `memmem::find` do, costs a few thousand instructions each,
//! more than the search itself on a message or a log line. Scanning for the
//! word's first byte (vectorized) and comparing where it occurs needs no set
//! up; a long word, whose worst case this would make quadratic, still gets a
//! real searcher.

/// Words longer than this get a two-way searcher.
const SHORT: usize = 64;

/// Where `word` first stands in `text`.
pub(super) fn find(text: &str, word: &str) -> Option<usize> {
    find_bytes(text.as_bytes(), word.as_bytes())
}

/// [`find`] on bytes.
pub(crate) fn find_bytes(hay: &[u8], word: &[u8]) -> Option<usize> {
    let Some((&first, rest)) = word.split_first() else {
        return Some(0);
    };
    if word.len() > SHORT {
        return memchr::memmem::find(hay, word);
    }
    memchr::memchr_iter(first, hay).find(|&at| hay[at + 1..].starts_with(rest))
}

/// Whether `word` stands in `text`.
pub(super) fn contains(text: &str, word: &str) -> bool {
    find(text, word).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_str_find() {
        let long = "x".repeat(SHORT) + "y";
        let text = format!("code: 1 desc: a|b {long} 中文 end");
        for word in [
            "", "code", " desc: ", "|b", "end", "ends", "中文", "y", "zz", &long,
        ] {
            assert_eq!(find(&text, word), text.find(word), "{word:?}");
        }
        assert_eq!(find("", "a"), None);
        assert_eq!(find("ab", "abc"), None);
    }
}

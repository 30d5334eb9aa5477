//! A JSON file read in blocks, each value found by a small scanner that
//! knows strings and their escapes, so that serde_json parses it from a
//! slice (issue 29): from a `BufReader` serde_json spent about 28
//! instructions a byte of a plan, from a slice a few. The scanner does not
//! check the JSON: it finds where a value ends and leaves the rest to
//! serde_json; what it cannot read it says with `None`, and the caller
//! reads the file again the slow way to say where and why.

use std::io::{self, Read};

/// The first read, and how much the buffer grows by at least.
const BLOCK: usize = 256 * 1024;

pub struct Blocks<R> {
    src: R,
    buf: Vec<u8>,
    /// The first byte not yet consumed.
    pos: usize,
    /// The end of what was read into `buf`.
    end: usize,
    eof: bool,
}

/// Where the scan of a value is, kept across refills.
#[derive(Default)]
struct Scan {
    /// The next byte to look at, from `pos`.
    at: usize,
    depth: usize,
    in_string: bool,
}

impl<R: Read> Blocks<R> {
    pub fn new(src: R) -> Blocks<R> {
        Blocks {
            src,
            buf: vec![0; BLOCK],
            pos: 0,
            end: 0,
            eof: false,
        }
    }

    /// Reads more behind what is there (what was consumed makes room
    /// first); false at the end of the file.
    fn fill(&mut self) -> io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.end, 0);
            self.end -= self.pos;
            self.pos = 0;
        }
        if self.buf.len() - self.end < BLOCK / 2 {
            let wanted = (self.buf.len() * 2).max(self.end + BLOCK);
            self.buf.resize(wanted, 0);
        }
        loop {
            match self.src.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(false);
                }
                Ok(n) => {
                    self.end += n;
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// The next byte that is not JSON whitespace, not consumed; `None` at
    /// the end of the file.
    pub fn peek(&mut self) -> io::Result<Option<u8>> {
        loop {
            while self.pos < self.end {
                match self.buf[self.pos] {
                    b' ' | b'\t' | b'\n' | b'\r' => self.pos += 1,
                    b => return Ok(Some(b)),
                }
            }
            if !self.fill()? {
                return Ok(None);
            }
        }
    }

    /// Consumes the byte `peek` returned.
    pub fn bump(&mut self) {
        self.pos += 1;
    }

    /// The bytes of the next value (after any whitespace), consumed; `None`
    /// when the file ends inside it or no value begins there.
    pub fn value(&mut self) -> io::Result<Option<&[u8]>> {
        if self.peek()?.is_none() {
            return Ok(None);
        }
        let Some(len) = self.scan(true)? else {
            return Ok(None);
        };
        // A refill moved what was kept to the buffer's start, `pos` with it.
        let start = self.pos;
        self.pos += len;
        Ok(Some(&self.buf[start..start + len]))
    }

    /// Consumes the next value without keeping it (the buffer does not
    /// grow with it); false as `value`'s `None`.
    pub fn skip(&mut self) -> io::Result<bool> {
        if self.peek()?.is_none() {
            return Ok(false);
        }
        match self.scan(false)? {
            Some(len) => {
                self.pos += len;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// The length of the value at `pos`; with `keep` false the bytes
    /// scanned are let go at each refill.
    fn scan(&mut self, keep: bool) -> io::Result<Option<usize>> {
        let mut s = Scan::default();
        let first = self.buf[self.pos];
        if !matches!(first, b'{' | b'[' | b'"') {
            return self.scalar();
        }
        loop {
            if let Some(len) = self.scan_block(&mut s) {
                return Ok(len);
            }
            if !keep {
                self.pos += s.at;
                s.at = 0;
            }
            if !self.fill()? {
                return Ok(None);
            }
        }
    }

    /// Goes on with the scan over what is in the buffer: `Some` when the
    /// value ended (`Some(None)`: it cannot be a value), `None` to read more.
    fn scan_block(&self, s: &mut Scan) -> Option<Option<usize>> {
        let bytes = &self.buf[self.pos..self.end];
        while s.at < bytes.len() {
            if s.in_string {
                match memchr::memchr2(b'"', b'\\', &bytes[s.at..]) {
                    None => {
                        s.at = bytes.len();
                        return None;
                    }
                    Some(i) if bytes[s.at + i] == b'"' => {
                        s.at += i + 1;
                        s.in_string = false;
                        if s.depth == 0 {
                            return Some(Some(s.at));
                        }
                    }
                    Some(i) => {
                        // An escape: its next byte is never the string's end.
                        if s.at + i + 2 > bytes.len() {
                            s.at += i;
                            return None;
                        }
                        s.at += i + 2;
                    }
                }
                continue;
            }
            match bytes[s.at] {
                b'"' => s.in_string = true,
                b'{' | b'[' => s.depth += 1,
                b'}' | b']' => {
                    let Some(depth) = s.depth.checked_sub(1) else {
                        return Some(None);
                    };
                    s.depth = depth;
                    if depth == 0 {
                        return Some(Some(s.at + 1));
                    }
                }
                _ => {}
            }
            s.at += 1;
        }
        None
    }

    /// The length of the number, `true`, `false` or `null` at `pos`: up to
    /// the next delimiter (serde_json says whether it is one).
    fn scalar(&mut self) -> io::Result<Option<usize>> {
        let mut at = 0;
        loop {
            let bytes = &self.buf[self.pos..self.end];
            while at < bytes.len() {
                if matches!(
                    bytes[at],
                    b',' | b'}' | b']' | b':' | b' ' | b'\t' | b'\n' | b'\r'
                ) {
                    return Ok((at > 0).then_some(at));
                }
                at += 1;
            }
            if !self.fill()? {
                return Ok((at > 0).then_some(at));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every value of a top-level array, as text, read through a reader
    /// that hands out `step` bytes at a time.
    fn values(text: &str, step: usize) -> Vec<String> {
        struct Trickle<'a>(&'a [u8], usize);
        impl Read for Trickle<'_> {
            fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
                let n = self.1.min(self.0.len()).min(out.len());
                out[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut b = Blocks::new(Trickle(text.as_bytes(), step));
        assert_eq!(b.peek().unwrap(), Some(b'['));
        b.bump();
        let mut out = Vec::new();
        loop {
            let v = b.value().unwrap().expect("a value");
            out.push(String::from_utf8(v.to_vec()).unwrap());
            match b.peek().unwrap() {
                Some(b',') => b.bump(),
                Some(b']') => break,
                other => panic!("{other:?}"),
            }
        }
        out
    }

    #[test]
    fn values_end_where_json_says_whatever_the_blocks() {
        let text = r#"[ {"a": "x}\"]\\", "b": [1, {"c": null}]}, "s\\\"", 12.5e3 , true,null,[]]"#;
        let want = [
            r#"{"a": "x}\"]\\", "b": [1, {"c": null}]}"#,
            r#""s\\\"""#,
            "12.5e3",
            "true",
            "null",
            "[]",
        ];
        for step in [1, 2, 3, 7, 1000] {
            assert_eq!(values(text, step), want, "{step} bytes at a time");
        }
    }

    #[test]
    fn a_value_larger_than_a_block_is_read_whole_and_a_skipped_one_is_not_kept() {
        let long = "é\\\"".repeat(BLOCK);
        let text = format!(r#"[{{"n": "{long}"}}, 1]"#);
        assert_eq!(values(&text, 4096)[0].len(), long.len() + 9);
        let mut b = Blocks::new(text.as_bytes());
        b.peek().unwrap();
        b.bump();
        assert!(b.skip().unwrap());
        assert!(b.buf.len() <= 2 * BLOCK, "{}", b.buf.len());
        assert_eq!(b.peek().unwrap(), Some(b','));
    }

    #[test]
    fn a_value_cut_short_or_a_stray_bracket_is_none() {
        for text in [r#"{"a": "b"#, "[1, 2", "]", ""] {
            let mut b = Blocks::new(text.as_bytes());
            assert!(b.value().unwrap().is_none(), "{text}");
        }
    }
}

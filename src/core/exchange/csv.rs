//! CSV as RFC 4180 writes it and as spreadsheets save it: cells separated by a delimiter
//! (a comma, or the semicolon or tab some locales use), records by CRLF, LF or a lone CR;
//! a cell in double quotes may hold delimiters, line breaks and doubled quotes. Reading is
//! lenient where spreadsheets are sloppy (ragged rows, a quote inside an unquoted cell, text
//! after a closing quote, blank lines at the end) and never fails: what it could not close
//! is reported, not lost.

/// A table read from CSV text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// The records in file order, each as its cells; a blank line is a record of one empty
    /// cell, so that record `i` is spreadsheet row `i + 1`. Blank records at the end are
    /// dropped.
    pub rows: Vec<Vec<String>>,
    /// The row (from 1) whose quoted cell is never closed: that cell runs to the end of the
    /// file.
    pub unclosed: Option<usize>,
}

/// Reads CSV text (without a byte order mark) whose cells are separated by `delimiter`.
pub fn read(text: &str, delimiter: u8) -> Table {
    let b = text.as_bytes();
    let mut table = Table::default();
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    // True at the start of a cell, where a double quote opens a quoted cell.
    let mut fresh = true;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == delimiter {
            row.push(std::mem::take(&mut cell));
            fresh = true;
            i += 1;
        } else if c == b'\r' || c == b'\n' {
            row.push(std::mem::take(&mut cell));
            table.rows.push(std::mem::take(&mut row));
            fresh = true;
            i += if c == b'\r' && b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
        } else if c == b'"' && fresh {
            // A quoted cell: up to the next quote that is not doubled.
            i += 1;
            loop {
                match b[i..].iter().position(|&q| q == b'"') {
                    None => {
                        cell.push_str(&text[i..]);
                        i = b.len();
                        table.unclosed = Some(table.rows.len() + 1);
                        break;
                    }
                    Some(q) => {
                        cell.push_str(&text[i..i + q]);
                        i += q + 1;
                        if b.get(i) == Some(&b'"') {
                            cell.push('"');
                            i += 1;
                        } else {
                            break;
                        }
                    }
                }
            }
            fresh = false;
        } else {
            // Plain text up to the next delimiter or line break; a quote here is a character.
            let n = b[i..]
                .iter()
                .position(|&x| x == delimiter || x == b'\r' || x == b'\n')
                .unwrap_or(b.len() - i);
            cell.push_str(&text[i..i + n]);
            i += n;
            fresh = false;
        }
    }
    if !fresh || !row.is_empty() {
        row.push(cell);
        table.rows.push(row);
    }
    while table.rows.last().is_some_and(|r| r.iter().all(|c| c.trim().is_empty())) {
        table.rows.pop();
    }
    table
}

/// Appends one record to `out`, comma-separated and ended by CRLF, quoting the cells that
/// need it (those with a comma, a quote or a line break).
pub fn write_row<S: AsRef<str>>(out: &mut String, cells: &[S]) {
    for (k, cell) in cells.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        let cell = cell.as_ref();
        if cell.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(cell);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Vec<String>> {
        read(text, b',').rows
    }

    #[test]
    fn reads_quoted_cells_line_breaks_and_ragged_rows() {
        let t = "a,\"b, c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",x\n\nlast,row,has,more\r\n\r\n\n";
        assert_eq!(
            rows(t),
            vec![
                vec!["a", "b, c", "say \"hi\""],
                vec!["two\nlines", "x"],
                vec![""],
                vec!["last", "row", "has", "more"],
            ]
        );
        // No line break at the end; an empty last cell; a lone CR as a line break.
        assert_eq!(rows("a,b,\rc"), vec![vec!["a", "b", ""], vec!["c"]]);
        assert_eq!(rows(""), Vec::<Vec<String>>::new());
        assert_eq!(rows("\"\"\n,"), Vec::<Vec<String>>::new(), "blank records at the end");
    }

    #[test]
    fn is_lenient_where_spreadsheets_are_sloppy() {
        // A quote inside an unquoted cell is a character; text after a closing quote joins it.
        assert_eq!(rows("ab\"c,\"d\"e,f"), vec![vec!["ab\"c", "de", "f"]]);
        // An unclosed quote runs to the end and is reported with its row.
        let t = read("h\nok\n\"never closed,\nstill", b',');
        assert_eq!(t.rows, vec![vec!["h"], vec!["ok"], vec!["never closed,\nstill"]]);
        assert_eq!(t.unclosed, Some(3));
        assert_eq!(read("a;\"b;c\"\td", b';').rows, vec![vec!["a", "b;c\td"]]);
    }

    #[test]
    fn writes_what_it_reads() {
        let cells = ["plain", "a,b", "say \"hi\"", "two\nlines", "", "é ✓"];
        let mut out = String::new();
        write_row(&mut out, &cells);
        write_row(&mut out, &["x"]);
        assert_eq!(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,é ✓\r\nx\r\n");
        assert_eq!(rows(&out), vec![cells.to_vec(), vec!["x"]]);
    }
}

//! A horizontal bar chart as inline SVG (no script, no external resource):
//! one bar per label, 0–100 %, the value written at the bar's end; a label
//! without a value says n/d and has no bar.

use super::block::Bar;
use crate::i18n::tr;
use crate::io::hygiene::html as escape;
use crate::model::values::format_number;

/// Width of the label column and of the 100 % bar, the height of a row (px).
const LABEL: f64 = 330.0;
const BAR: f64 = 400.0;
const ROW: f64 = 22.0;

pub fn svg(caption: &str, bars: &[Bar]) -> String {
    let height = ROW * bars.len() as f64 + 24.0;
    let width = LABEL + BAR + 70.0;
    let mut out = format!(
        "<figure class=\"chart\">\n<figcaption>{}</figcaption>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 {width:.0} {height:.0}\" \
         style=\"width: 100%; max-width: 180mm; height: auto\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"10\">\n",
        escape(caption)
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = ROW * i as f64;
        let label = shortened(&bar.label, 42);
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>\n",
            LABEL - 6.0,
            y + 15.0,
            escape(&label)
        ));
        match bar.value {
            Some(v) => {
                let w = BAR * v.clamp(0.0, 100.0) / 100.0;
                out.push_str(&format!(
                    "<rect x=\"{LABEL:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{:.1}\" fill=\"#4a6fa5\"/>\n\
                     <text x=\"{:.1}\" y=\"{:.1}\">{}%</text>\n",
                    y + 4.0,
                    ROW - 8.0,
                    LABEL + w + 4.0,
                    y + 15.0,
                    format_number(v)
                ));
            }
            None => out.push_str(&format!(
                "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"#666\">{}</text>\n",
                LABEL + 4.0,
                y + 15.0,
                tr("n/d", "n/a")
            )),
        }
    }
    // The scale: 0, 50 and 100 %.
    let axis = ROW * bars.len() as f64 + 2.0;
    out.push_str(&format!(
        "<line x1=\"{LABEL:.1}\" y1=\"{axis:.1}\" x2=\"{:.1}\" y2=\"{axis:.1}\" stroke=\"#333\"/>\n",
        LABEL + BAR
    ));
    for tick in [0.0, 50.0, 100.0] {
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#333\">{tick:.0}%</text>\n",
            LABEL + BAR * tick / 100.0,
            axis + 16.0
        ));
    }
    out.push_str("</svg>\n</figure>\n");
    out
}

/// A label cut to `max` characters with an ellipsis (the whole is in the table).
fn shortened(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        return label.to_string();
    }
    let mut cut: String = label.chars().take(max - 1).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_is_as_long_as_its_value_and_a_missing_value_has_none() {
        let bars = [
            Bar {
                label: "Missione <12>".into(),
                value: Some(50.0),
            },
            Bar {
                label: "Missione 5".into(),
                value: None,
            },
        ];
        let svg = svg("Raggiungimento", &bars);
        assert!(svg.contains("width=\"200.0\""), "{svg}");
        assert_eq!(svg.matches("<rect").count(), 1, "{svg}");
        assert!(svg.contains("Missione &lt;12&gt;"), "{svg}");
        assert!(!svg.contains("<script"));
    }
}

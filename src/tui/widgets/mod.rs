//! Small drawing helpers shared by the panes.

pub mod drawn;
pub mod gauge;
pub mod highlight;
pub mod line_editor;
pub mod lines;
pub mod table;
pub mod text;

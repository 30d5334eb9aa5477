//! Small drawing helpers shared by the panes.

pub mod drawn;
pub mod gauge;
pub mod highlight;
pub mod lines;
pub mod line_editor;
pub mod table;
pub mod text;

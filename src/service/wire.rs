//! How an argument of an operation travels: borrowed when a face calls the
//! service (`&str`, `&[Change]`), owned in the request on the socket
//! (`String`, `Vec<Change>`). The operations are declared once with the owned
//! type; `Wire::Ref` gives the borrowed one.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::model::{Dataset, ObjectiveField};

pub trait Wire: Serialize + DeserializeOwned {
    /// What the caller passes.
    type Ref<'a>
    where
        Self: 'a;
    /// From the request, for the implementation that answers it.
    fn lend(&self) -> Self::Ref<'_>;
    /// Into the request, from what the caller passed.
    fn own(borrowed: Self::Ref<'_>) -> Self;
}

impl Wire for String {
    type Ref<'a> = &'a str;
    fn lend(&self) -> &str {
        self
    }
    fn own(borrowed: &str) -> String {
        borrowed.to_string()
    }
}

impl Wire for Option<String> {
    type Ref<'a> = Option<&'a str>;
    fn lend(&self) -> Option<&str> {
        self.as_deref()
    }
    fn own(borrowed: Option<&str>) -> Option<String> {
        borrowed.map(str::to_string)
    }
}

impl<T: Clone + Serialize + DeserializeOwned> Wire for Vec<T> {
    type Ref<'a>
        = &'a [T]
    where
        Self: 'a;
    fn lend(&self) -> &[T] {
        self
    }
    fn own(borrowed: &[T]) -> Vec<T> {
        borrowed.to_vec()
    }
}

impl Wire for crate::api::DraftOf {
    type Ref<'a> = &'a crate::api::DraftOf;
    fn lend(&self) -> &crate::api::DraftOf {
        self
    }
    fn own(borrowed: &crate::api::DraftOf) -> crate::api::DraftOf {
        borrowed.clone()
    }
}

impl Wire for Dataset {
    type Ref<'a> = &'a Dataset;
    fn lend(&self) -> &Dataset {
        self
    }
    fn own(borrowed: &Dataset) -> Dataset {
        borrowed.clone()
    }
}

/// Small values travel and are passed as they are.
macro_rules! by_value {
    ($($t:ty),*) => {$(
        impl Wire for $t {
            type Ref<'a> = $t;
            fn lend(&self) -> $t {
                self.clone()
            }
            fn own(borrowed: $t) -> $t {
                borrowed
            }
        }
    )*};
}

by_value!(
    u64,
    i32,
    Option<u64>,
    Option<chrono::NaiveDate>,
    bool,
    ObjectiveField,
    super::HistoryQuery,
    crate::api::AuditNote,
    crate::model::cycle::Step,
    crate::model::windows::WindowStep,
    crate::model::variation::Decision,
    crate::model::PlanText
);

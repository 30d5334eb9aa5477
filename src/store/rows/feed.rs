//! The phases tree read and decoded on a thread of its own while the whole
//! plan is read (`Store::load_read`), handed over in key order. At 10 000 ×
//! 10, when a phase was a row (schema 6), the phases were 100 000 of the
//! 110 000 rows and about half of the reading; one row an objective now,
//! their decoding still overlaps the objectives' walk, their LZ4 and their
//! decoding on a second core. On one core it costs a thread and a channel.

use std::sync::mpsc::sync_channel;
use std::thread::Scope;

use sled::IVec;

use super::ServiceError;
use crate::model::Phase;

/// Records handed over at a time, and batches in flight: a bounded queue.
const BATCH: usize = 512;
const IN_FLIGHT: usize = 4;

type Item = Result<(IVec, Vec<Phase>), ServiceError>;

/// Every row of `tree`, in key order, each with its phases as `read`
/// reads it (or the error that stopped the walk, last): an iterator for
/// `walk::next_phases`. The thread ends when the walk does, or when the
/// iterator is dropped (its next batch finds no one to take it).
pub fn phases<'scope>(
    scope: &'scope Scope<'scope, '_>,
    tree: &sled::Tree,
    read: fn(&[u8]) -> Result<Vec<Phase>, ServiceError>,
) -> Phases {
    let (send, receive) = sync_channel::<Vec<Item>>(IN_FLIGHT);
    let tree = tree.clone();
    scope.spawn(move || {
        let mut batch = Vec::with_capacity(BATCH);
        for record in tree.iter() {
            let item = record
                .map_err(ServiceError::from)
                .and_then(|(key, bytes)| Ok((key, read(&bytes)?)));
            let failed = item.is_err();
            batch.push(item);
            if (failed || batch.len() == BATCH)
                && send
                    .send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)))
                    .is_err()
            {
                return;
            }
            if failed {
                return;
            }
        }
        let _ = send.send(batch);
    });
    receive.into_iter().flatten()
}

/// The records as `phases` hands them over.
pub type Phases = std::iter::Flatten<std::sync::mpsc::IntoIter<Vec<Item>>>;

//! Who is at the other end of a connection: the kernel says (SO_PEERCRED), so a
//! client cannot claim to be someone else. That name goes into the history.
//! Without a server, the process's own user (`who`).
//!
//! Through `nix`'s safe wrappers of getsockopt, getpwuid_r and getgrnam_r
//! (which also grow their buffer when an entry does not fit): no `unsafe` here.

use std::os::unix::net::UnixStream;

use nix::sys::socket::{getsockopt, sockopt::PeerCredentials};
use nix::unistd::{Group, Uid, User};

/// The account name of the process that connected, or `uid N` when it has none.
pub fn peer_user(stream: &UnixStream) -> std::io::Result<String> {
    let uid = peer_uid(stream)?;
    Ok(user_name(uid).unwrap_or_else(|| format!("uid {uid}")))
}

fn peer_uid(stream: &UnixStream) -> std::io::Result<u32> {
    let credentials = getsockopt(stream, PeerCredentials).map_err(std::io::Error::from)?;
    Ok(credentials.uid())
}

/// The real user id of this process.
pub fn uid() -> u32 {
    nix::unistd::getuid().as_raw()
}

/// Who this process is, for the history of a serverless change: the account
/// of the real user id (what `id -un` says), falling back to `$USER` where it
/// has no name. Like a peer's, it comes from the system, not from an option.
pub fn who() -> String {
    let uid = uid();
    user_name(uid).unwrap_or_else(|| {
        ["USER", "LOGNAME"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_else(|| format!("uid {uid}"))
    })
}

/// The login name of `uid` (what `id -un` says), if the account has one.
pub fn user_name(uid: u32) -> Option<String> {
    User::from_uid(Uid::from_raw(uid))
        .ok()
        .flatten()
        .map(|user| user.name)
        .filter(|name| !name.is_empty())
}

/// The id of group `name`, for the socket's group.
pub fn group_id(name: &str) -> Option<u32> {
    Group::from_name(name)
        .ok()
        .flatten()
        .map(|group| group.gid.as_raw())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_peer_of_a_socket_pair_is_this_process_user() {
        let (a, _b) = std::os::unix::net::UnixStream::pair().unwrap();
        let me = super::user_name(super::uid());
        let peer = super::peer_user(&a).unwrap();
        assert_eq!(Some(peer), me.or(Some(format!("uid {}", super::uid()))));
    }

    #[test]
    fn root_and_its_group_are_found_by_id_and_name() {
        assert_eq!(super::user_name(0).as_deref(), Some("root"));
        assert_eq!(super::group_id("root"), Some(0));
        assert_eq!(super::group_id("no such group, surely"), None);
    }
}

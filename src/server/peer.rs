//! Who is at the other end of a connection: the kernel says (SO_PEERCRED), so a
//! client cannot claim to be someone else. That name goes into the history.
//! Without a server, the process's own user (`who`).

use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;

/// The account name of the process that connected, or `uid N` when it has none.
pub fn peer_user(stream: &UnixStream) -> std::io::Result<String> {
    let uid = peer_uid(stream)?;
    Ok(user_name(uid).unwrap_or_else(|| format!("uid {uid}")))
}

fn peer_uid(stream: &UnixStream) -> std::io::Result<libc::uid_t> {
    let mut cred: libc::ucred = unsafe { std::mem::zeroed() };
    let mut len = std::mem::size_of::<libc::ucred>() as libc::socklen_t;
    // SAFETY: `cred` and `len` are owned here and sized for SO_PEERCRED's ucred.
    let rc = unsafe {
        libc::getsockopt(
            stream.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_PEERCRED,
            (&mut cred as *mut libc::ucred).cast(),
            &mut len,
        )
    };
    if rc != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(cred.uid)
}

/// Who this process is, for the history of a serverless change: the account
/// of the real user id (what `id -un` says), falling back to `$USER` where it
/// has no name. Like a peer's, it comes from the system, not from an option.
pub fn who() -> String {
    // SAFETY: getuid cannot fail and touches no memory.
    let uid = unsafe { libc::getuid() };
    user_name(uid).unwrap_or_else(|| {
        ["USER", "LOGNAME"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_else(|| format!("uid {uid}"))
    })
}

/// The login name of `uid` (what `id -un` says), if the account has one.
pub fn user_name(uid: libc::uid_t) -> Option<String> {
    let mut buf = vec![0 as libc::c_char; 4096];
    let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
    let mut result: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: getpwuid_r writes into `pwd` and `buf`, both owned here and large enough
    // (it returns ERANGE otherwise); `result` is null or points at `pwd`.
    let rc = unsafe { libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut result) };
    if rc != 0 || result.is_null() || pwd.pw_name.is_null() {
        return None;
    }
    // SAFETY: pw_name is a NUL-terminated string inside `buf`, alive until the end of this function.
    let name = unsafe { std::ffi::CStr::from_ptr(pwd.pw_name) };
    name.to_str()
        .ok()
        .filter(|n| !n.is_empty())
        .map(str::to_string)
}

/// The id of group `name`, for the socket's group.
pub fn group_id(name: &str) -> Option<libc::gid_t> {
    let name = std::ffi::CString::new(name).ok()?;
    let mut buf = vec![0 as libc::c_char; 16 * 1024];
    let mut grp: libc::group = unsafe { std::mem::zeroed() };
    let mut result: *mut libc::group = std::ptr::null_mut();
    // SAFETY: as for getpwuid_r: every buffer is owned here and its size is passed.
    let rc = unsafe {
        libc::getgrnam_r(
            name.as_ptr(),
            &mut grp,
            buf.as_mut_ptr(),
            buf.len(),
            &mut result,
        )
    };
    (rc == 0 && !result.is_null()).then_some(grp.gr_gid)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_peer_of_a_socket_pair_is_this_process_user() {
        let (a, _b) = std::os::unix::net::UnixStream::pair().unwrap();
        let me = super::user_name(unsafe { libc::getuid() });
        let peer = super::peer_user(&a).unwrap();
        assert_eq!(
            Some(peer),
            me.or(Some(format!("uid {}", unsafe { libc::getuid() })))
        );
    }
}

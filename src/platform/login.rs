//! The operating-system login of the account running Fokus: kept beside the name the
//! user gave Fokus as a secondary audit field, never shown in documents.

/// The operating-system login name.
pub fn login_name() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .or_else(account_name)
        .unwrap_or_else(|| "?".to_string())
}

/// The login name of the account running Fokus, from the system's user database.
#[cfg(unix)]
fn account_name() -> Option<String> {
    let mut buf = vec![0 as libc::c_char; 4096];
    let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
    let mut result: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: getpwuid_r writes into `pwd` and `buf`, which outlive the call, and sets
    // `result` to `&pwd` on success or null otherwise.
    let rc = unsafe {
        libc::getpwuid_r(
            libc::getuid(),
            &mut pwd,
            buf.as_mut_ptr(),
            buf.len(),
            &mut result,
        )
    };
    if rc != 0 || result.is_null() || pwd.pw_name.is_null() {
        return None;
    }
    // SAFETY: on success pw_name points to a NUL-terminated string inside `buf`.
    let name = unsafe { std::ffi::CStr::from_ptr(pwd.pw_name) };
    Some(name.to_string_lossy().into_owned()).filter(|s| !s.is_empty())
}

#[cfg(not(unix))]
fn account_name() -> Option<String> {
    None
}

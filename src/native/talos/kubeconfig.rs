//! The `Kubeconfig` call streams a gzipped tar holding one file, `kubeconfig`.

use std::io::Read;

/// The `kubeconfig` file of the archive.
pub fn extract(archive: &[u8]) -> Result<String, String> {
    let gz = flate2::read::GzDecoder::new(archive);
    let mut tar = tar::Archive::new(gz);
    let entries = tar
        .entries()
        .map_err(|e| format!("not a gzipped tar: {e}"))?;
    for entry in entries {
        let mut entry = entry.map_err(|e| format!("broken archive entry: {e}"))?;
        let is_kubeconfig = entry
            .path()
            .ok()
            .and_then(|p| p.file_name().map(|n| n == "kubeconfig"))
            .unwrap_or(false);
        if is_kubeconfig {
            let mut text = String::new();
            entry
                .read_to_string(&mut text)
                .map_err(|e| format!("the kubeconfig entry is not text: {e}"))?;
            return Ok(text);
        }
    }
    Err("the archive has no `kubeconfig` file".into())
}

/// Builds such an archive (for tests and fakes).
pub fn archive(kubeconfig: &str) -> std::io::Result<Vec<u8>> {
    let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let mut tar = tar::Builder::new(gz);
    let mut header = tar::Header::new_gnu();
    header.set_size(kubeconfig.len() as u64);
    header.set_mode(0o600);
    header.set_cksum();
    tar.append_data(&mut header, "kubeconfig", kubeconfig.as_bytes())?;
    tar.into_inner()?.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let bytes = archive("apiVersion: v1\nkind: Config\n").unwrap();
        assert_eq!(extract(&bytes).unwrap(), "apiVersion: v1\nkind: Config\n");
        assert!(extract(b"not gzip").is_err());
    }
}

//! Images: references, the store of blobs and manifests, unpacked layers, load/save/import.

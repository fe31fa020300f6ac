/// The ZIP container of `torch.save`: stored (uncompressed) entries whose data starts on a 64-byte
/// boundary, so a reader can map storages in place. Reading checks every size, offset and CRC against
/// the bytes actually present.
struct ZipArchive {
    struct Entry {
        let name: String
        let data: ArraySlice<UInt8>
    }

    private(set) var entries: [Entry] = []

    func entry(_ name: String) -> Entry? { entries.first { $0.name == name } }

    // MARK: Writing

    static let alignment = 64

    /// A complete archive holding `files` in order.
    static func write(_ files: [(name: String, bytes: [UInt8])]) throws -> [UInt8] {
        var out = [UInt8]()
        var central = [UInt8]()
        for (name, bytes) in files {
            let nameBytes = Array(name.utf8)
            let headerEnd = out.count + 30 + nameBytes.count
            var pad = (alignment - (headerEnd + 4) % alignment) % alignment
            if pad > 0xFFFF - 4 { pad = 0 }
            let crc = CRC32.checksum(bytes[...])
            let offset = out.count
            guard bytes.count < 0xFFFF_FFFF, offset < 0xFFFF_FFFF else {
                throw SerializationError(.runtime, "nnrepl cannot write archives of 4 GB or more")
            }
            out.le32(0x0403_4b50); out.le16(20); out.le16(0x0800); out.le16(0)  // version, UTF-8 names, stored
            out.le16(0); out.le16(0x21)                                           // time, date (1980-01-01)
            out.le32(crc); out.le32(UInt32(bytes.count)); out.le32(UInt32(bytes.count))
            out.le16(UInt16(nameBytes.count)); out.le16(UInt16(4 + pad))
            out += nameBytes
            out += [0x46, 0x42]; out.le16(UInt16(pad)); out += [UInt8](repeating: 0x5A, count: pad)  // "FB" padding
            out += bytes

            central.le32(0x0201_4b50); central.le16(20); central.le16(20); central.le16(0x0800); central.le16(0)
            central.le16(0); central.le16(0x21)
            central.le32(crc); central.le32(UInt32(bytes.count)); central.le32(UInt32(bytes.count))
            central.le16(UInt16(nameBytes.count)); central.le16(0); central.le16(0); central.le16(0); central.le16(0)
            central.le32(0); central.le32(UInt32(offset))
            central += nameBytes
        }
        let centralOffset = out.count
        guard centralOffset + central.count < 0xFFFF_FFFF, files.count < 0xFFFF else {
            throw SerializationError(.runtime, "nnrepl cannot write archives of 4 GB or more")
        }
        out += central
        out.le32(0x0605_4b50); out.le16(0); out.le16(0)
        out.le16(UInt16(files.count)); out.le16(UInt16(files.count))
        out.le32(UInt32(central.count)); out.le32(UInt32(centralOffset)); out.le16(0)
        return out
    }

    // MARK: Reading

    init(bytes: [UInt8]) throws {
        let r = ByteReader(bytes)
        guard bytes.count >= 22 else { throw SerializationError.corrupt("failed finding central directory") }
        var eocd = -1
        var p = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while p >= lowest {
            if try r.u32(p) == 0x0605_4b50 { eocd = p; break }
            p -= 1
        }
        guard eocd >= 0 else { throw SerializationError.corrupt("failed finding central directory") }
        var count = Int(try r.u16(eocd + 10))
        var cdSize = Int(try r.u32(eocd + 12))
        var cdOffset = Int(try r.u32(eocd + 16))
        if count == 0xFFFF || cdSize == 0xFFFF_FFFF || cdOffset == 0xFFFF_FFFF {
            let locator = eocd - 20
            guard locator >= 0, try r.u32(locator) == 0x0706_4b50 else {
                throw SerializationError.corrupt("missing zip64 end of central directory locator")
            }
            let z = try r.int64(locator + 8)
            guard try r.u32(z) == 0x0606_4b50 else { throw SerializationError.corrupt("bad zip64 end of central directory") }
            count = try r.int64(z + 32)
            cdSize = try r.int64(z + 40)
            cdOffset = try r.int64(z + 48)
        }
        guard cdOffset >= 0, cdSize >= 0, cdOffset <= bytes.count, cdSize <= bytes.count - cdOffset,
              count >= 0, count <= cdSize / 46 else {
            throw SerializationError.corrupt("central directory out of bounds")
        }
        var q = cdOffset
        for _ in 0..<count {
            guard try r.u32(q) == 0x0201_4b50 else { throw SerializationError.corrupt("bad central directory entry") }
            let method = try r.u16(q + 10)
            let crc = try r.u32(q + 16)
            var compressed = Int(try r.u32(q + 20))
            var size = Int(try r.u32(q + 24))
            let nameLength = Int(try r.u16(q + 28)), extraLength = Int(try r.u16(q + 30))
            let commentLength = Int(try r.u16(q + 32))
            var local = Int(try r.u32(q + 42))
            let name = String(decoding: try r.slice(q + 46, nameLength), as: UTF8.self)
            var x = q + 46 + nameLength
            let extraEnd = x + extraLength
            while x + 4 <= extraEnd {
                let id = try r.u16(x), length = Int(try r.u16(x + 2))
                if id == 1 {
                    var f = x + 4
                    if size == 0xFFFF_FFFF { size = try r.int64(f); f += 8 }
                    if compressed == 0xFFFF_FFFF { compressed = try r.int64(f); f += 8 }
                    if local == 0xFFFF_FFFF { local = try r.int64(f) }
                }
                x += 4 + length
            }
            q = extraEnd + commentLength
            guard method == 0, compressed == size else {
                throw SerializationError.corrupt("entry '\(name)' is compressed; torch.save archives are stored")
            }
            guard local >= 0, local <= bytes.count - 30, try r.u32(local) == 0x0403_4b50 else {
                throw SerializationError.corrupt("bad local header for '\(name)'")
            }
            let start = local + 30 + Int(try r.u16(local + 26)) + Int(try r.u16(local + 28))
            let data = try r.slice(start, size)
            guard CRC32.checksum(data) == crc else { throw SerializationError.corrupt("CRC mismatch in '\(name)'") }
            entries.append(Entry(name: name, data: data))
        }
    }
}

/// Bounds-checked little-endian reads.
struct ByteReader {
    let bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func slice(_ at: Int, _ count: Int) throws -> ArraySlice<UInt8> {
        guard at >= 0, count >= 0, at <= bytes.count, count <= bytes.count - at else {
            throw SerializationError.corrupt("offset \(at) + size \(count) is past the end of the file (\(bytes.count) bytes)")
        }
        return bytes[at..<(at + count)]
    }

    func uint(_ at: Int, _ width: Int) throws -> UInt64 {
        var v: UInt64 = 0
        for b in try slice(at, width).reversed() { v = v << 8 | UInt64(b) }
        return v
    }

    func u16(_ at: Int) throws -> UInt16 { UInt16(try uint(at, 2)) }
    func u32(_ at: Int) throws -> UInt32 { UInt32(try uint(at, 4)) }
    /// An 8-byte size or offset; values beyond `Int.max` are rejected.
    func int64(_ at: Int) throws -> Int {
        let v = try uint(at, 8)
        guard v <= UInt64(Int.max) else { throw SerializationError.corrupt("size \(v) is out of range") }
        return Int(v)
    }
}

extension Array where Element == UInt8 {
    mutating func le16(_ v: UInt16) { append(UInt8(v & 0xFF)); append(UInt8(v >> 8)) }
    mutating func le32(_ v: UInt32) { for k in 0..<4 { append(UInt8((v >> (8 * UInt32(k))) & 0xFF)) } }
    mutating func le64(_ v: UInt64) { for k in 0..<8 { append(UInt8((v >> (8 * UInt64(k))) & 0xFF)) } }
}

enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ data: ArraySlice<UInt8>) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        table.withUnsafeBufferPointer { t in
            for b in data { c = t[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        }
        return c ^ 0xFFFF_FFFF
    }
}

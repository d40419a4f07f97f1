// A local file as the byte source of the `pmtiles` npm reader, which reads
// archives by ranges as it would over HTTP.
import { openSync, readSync } from "node:fs";

export class FileSource {
  constructor(path) {
    this.path = path;
    this.fd = openSync(path, "r");
  }
  getKey() {
    return this.path;
  }
  async getBytes(offset, length) {
    const buffer = Buffer.alloc(length);
    const n = readSync(this.fd, buffer, 0, length, offset);
    return { data: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + n) };
  }
}

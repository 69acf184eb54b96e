/**
 * Applies a Crypt4GH edit list to the decrypted stream: its lengths are alternately skipped and
 * kept, starting with a skip. After the last length, an odd-length list (ending on a skip) keeps
 * the rest of the data and an even-length one drops it, as the spec and the reference do. A
 * file that ends before the list does gives what it has.
 */
export class EditListCursor {
	private index = 0;
	private left: number;

	constructor(private readonly lengths: number[]) {
		this.left = lengths[0] ?? 0;
		this.settle();
	}

	/** The pieces of `chunk` to keep, in order. */
	keep(chunk: Buffer, out: Buffer[]): void {
		let offset = 0;
		while (offset < chunk.length && !this.finished()) {
			if (this.index >= this.lengths.length) {
				out.push(offset === 0 ? chunk : chunk.subarray(offset));
				return;
			}
			const take = Math.min(this.left, chunk.length - offset);
			if (this.index % 2 === 1) out.push(chunk.subarray(offset, offset + take));
			offset += take;
			this.left -= take;
			this.settle();
		}
	}

	/** Nothing more will be kept: the rest of the input can be dropped. */
	finished(): boolean {
		return this.index >= this.lengths.length && this.lengths.length % 2 === 0;
	}

	private settle(): void {
		while (this.left === 0 && this.index < this.lengths.length) {
			this.index += 1;
			this.left = this.lengths[this.index] ?? 0;
		}
	}
}

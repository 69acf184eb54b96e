/** One object of a bucket listing: what the folds below need of the storage port's `ListedObject`. */
export type ListingEntry = {key: string; bytes: number; lastModified?: string};

/** A file a listing shows: an input, a result or an inbox note. */
export type StoredFile = {
	key: string;
	/** The path below its folder (`input/`, `results/`): `result.txt`, `out/a.zip`. */
	name: string;
	bytes: number;
	lastModified?: string;
};

/** A status marker a listing shows (any name: unknown ones are kept, and ignored by status). */
export type MarkerFile = StoredFile;

/** Something that takes listing entries one at a time and can say what it has seen so far. */
export type Fold<T> = {add(entry: ListingEntry): void; result(): T};

/** Feeds a whole listing (a paged Swift listing is an AsyncIterable) through `fold`, in one pass. */
export async function foldListing<T>(
	fold: Fold<T>,
	entries: AsyncIterable<ListingEntry> | Iterable<ListingEntry>,
): Promise<T> {
	for await (const entry of entries) {
		fold.add(entry);
	}

	return fold.result();
}

export function fileOf(entry: ListingEntry, name: string): StoredFile {
	const file: StoredFile = {key: entry.key, name, bytes: entry.bytes};
	if (entry.lastModified !== undefined) {
		file.lastModified = entry.lastModified;
	}

	return file;
}

export function totalBytes(files: readonly StoredFile[]): number {
	let total = 0;
	for (const file of files) {
		total += file.bytes;
	}

	return total;
}

/** Runs `work` over `items` with at most `limit` at a time; results in the items' order. */
export async function mapLimit<Item, Result>(
	items: readonly Item[],
	limit: number,
	work: (item: Item, index: number) => Promise<Result>,
): Promise<Result[]> {
	const results: Result[] = new Array<Result>(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await work(items[index] as Item, index);
		}
	};
	await Promise.all(Array.from({length: Math.min(Math.max(1, limit), items.length)}, worker));
	return results;
}

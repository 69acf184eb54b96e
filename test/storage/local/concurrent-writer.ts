/**
 * A second process writing into a local store, for listing-index.test.ts: puts and deletes of
 * keys it shares with other writers, in a seeded order. Usage: ROOT CONTAINER NAME WRITES
 */
import {createLocalStore} from '../../../source/storage/local/local-store.js';
import {NotFound} from '../../../source/storage/errors/index.js';

const [root, container, name, writes] = process.argv.slice(2) as [string, string, string, string];
const store = createLocalStore({root});
let seed = [...name].reduce((sum, char) => sum * 31 + char.charCodeAt(0), 7) >>> 0;
const random = (below: number) => {
	seed = (seed * 1_103_515_245 + 12_345) >>> 0;
	return seed % below;
};
for (let index = 0; index < Number(writes); index++) {
	// 40 shared keys in four folders: the writers often write the same key at the same time.
	const key = `shared/${random(4)}/${random(10)}`;
	if (random(4) === 0) {
		await store.delete({container, key}).catch((error: unknown) => {
			if (!(error instanceof NotFound)) throw error;
		});
	} else {
		await store.put({container, key}, `${name} ${index}`, {contentType: `text/${name}`});
	}
	await store.put({container, key: `own/${name}/${index}`}, 'mine');
}

import {useLayoutEffect, useState} from 'react';
import {footerKeys, type FooterKeys} from '../components/footer-keys.js';
import type {KeyRouter} from '../hooks/key-router.js';
import {useKeyRouter} from '../hooks/use-keys.js';

/** The footer's keys as the views on screen publish them now. */
export function readFooterKeys(router: KeyRouter | undefined): FooterKeys {
	return router ? footerKeys(router.current(), router.depths()) : footerKeys([], []);
}

/**
 * The footer's keys, following what the views on screen publish. Used by the footer alone, so
 * that a change (a key greyed as the cursor moves) redraws the footer, not every screen.
 */
export function useFooterKeys(): FooterKeys {
	const router = useKeyRouter();
	const read = () => readFooterKeys(router);
	const [keys, setKeys] = useState(read);
	useLayoutEffect(() => {
		if (!router) return undefined;
		setKeys(read());
		return router.listen(() => setKeys(read()));
	}, [router]);
	return keys;
}

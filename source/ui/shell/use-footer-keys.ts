import {useLayoutEffect, useState} from 'react';
import {footerKeys, type FooterKeys} from '../components/footer-keys.js';
import {useKeyRouter} from '../hooks/use-keys.js';

/** The footer's keys, following what the views on screen publish. */
export function useFooterKeys(): FooterKeys {
	const router = useKeyRouter();
	const read = () => (router ? footerKeys(router.current(), router.depths()) : footerKeys([], []));
	const [keys, setKeys] = useState(read);
	useLayoutEffect(() => {
		if (!router) return undefined;
		setKeys(read());
		return router.listen(() => setKeys(read()));
	}, [router]);
	return keys;
}

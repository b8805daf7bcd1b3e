import { type ComponentType, useEffect, useState } from "react";

/**
 * A part of a page whose code is a chunk of its own, loaded once the page is shown: for parts below the fold
 * that fetch their own data anyway, so that a page's first load does not carry their code. The server renders
 * the placeholder, and so does the browser's first render (taking the server's HTML over needs the same
 * output); then the part replaces it once its chunk is in. Later pages render the part at once.
 */
export function deferred<P extends object>(
  load: () => Promise<ComponentType<P>>,
  Placeholder: ComponentType<P>,
): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  return function Deferred(props: P) {
    const [Part, setPart] = useState<ComponentType<P> | null>(() => loaded);
    useEffect(() => {
      if (Part) return;
      let live = true;
      loading ??= load().then((part) => {
        loaded = part;
        return part;
      });
      loading.then(
        (part) => live && setPart(() => part),
        () => {
          // The chunk did not load (a new build replaced it, or the network): ask again next time.
          loading = null;
        },
      );
      return () => {
        live = false;
      };
    }, [Part]);
    return Part ? <Part {...props} /> : <Placeholder {...props} />;
  };
}

function Closed() {
  return null;
}

/**
 * A dialog whose code is a chunk of its own: nothing is shown until it is opened, and its chunk starts loading when
 * the page that holds it is shown, so it is there by the time anyone clicks.
 */
export function deferredModal<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  return deferred(load, Closed);
}

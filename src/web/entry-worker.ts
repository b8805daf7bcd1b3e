/**
 * The server's rendering in a worker thread of its own (started by the server's web-pages.ts from
 * dist/ssr/entry-worker.js): a rendering's garbage stays in the worker's small heap, and its CPU off the thread
 * that answers the API. The worker asks the server for each API answer it needs (the server's own routes, as
 * the visitor) and sends back the rendered page.
 */
import { parentPort } from "node:worker_threads";
import type { ApiAnswer, FromWorker, ToWorker } from "../shared/ssr";
import { renderPage } from "./entry-server";

const port = parentPort;
if (!port) throw new Error("entry-worker runs in a worker thread");
/** The questions of all renderings, by their number. */
const waiting = new Map<number, { resolve: (a: ApiAnswer) => void; reject: (e: Error) => void }>();
let calls = 0;
const send = (message: FromWorker) => port.postMessage(message);

port.on("message", (message: ToWorker) => {
  if (message.type === "answer") {
    const w = waiting.get(message.call);
    waiting.delete(message.call);
    if (message.answer) w?.resolve(message.answer);
    else w?.reject(new Error(message.error ?? "no answer"));
    return;
  }
  const { id, url } = message;
  const get = (path: string) =>
    new Promise<ApiAnswer>((resolve, reject) => {
      const call = ++calls;
      waiting.set(call, { resolve, reject });
      send({ type: "get", id, call, path });
    });
  renderPage(url, get).then(
    (page) => send({ type: "done", id, page }),
    (error: unknown) => send({ type: "failed", id, message: String(error) }),
  );
});

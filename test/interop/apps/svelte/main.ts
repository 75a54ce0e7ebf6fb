import { mount, unmount } from 'svelte';
import App from './App.svelte';
import { start } from '../harness.js';

let app: ReturnType<typeof mount> | undefined;
await start(
  () => {
    app = mount(App, { target: document.getElementById('root')! });
  },
  () => app && unmount(app),
);

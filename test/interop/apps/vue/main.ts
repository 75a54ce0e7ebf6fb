import { createApp, type App as VueApp } from 'vue';
import App from './App.vue';
import { start } from '../harness.js';

let app: VueApp | undefined;
await start(
  () => {
    app = createApp(App);
    app.config.errorHandler = (error) => console.error('vue error', error);
    app.mount('#root');
  },
  () => app?.unmount(),
);

/** The fake fields page (fake-hosted-fields.html), served by the test runner on another origin: 127.0.0.1 instead of localhost. */
export function fakeFieldsUrl(mode = 'normal'): string {
  return `http://127.0.0.1:${location.port}/test/helpers/fake-hosted-fields.html?mode=${mode}`;
}

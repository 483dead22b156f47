// Driving the options page in Firefox, where the test reaches it through the remote debugging protocol: each step is
// an expression evaluated in the page, working its controls as a person would.
import type { FirefoxContext } from '../../../scripts/support/firefoxWithExtension';

/** Headless Firefox cannot show the permission prompt or a confirm dialog: answer them as a person would. */
export function answerPrompts(options: FirefoxContext, confirm: boolean): Promise<void> {
  return options.evaluate(`(() => {
    browser.permissions.request = async () => true;
    window.confirm = () => ${confirm};
  })()`);
}

/** In the page: clicks the button whose text matches, waits for the notice that answers it; installs after review. */
const ACT = `
    const click = (root, name) => [...root.querySelectorAll('button')].find((button) => name.test(button.textContent)).click();
    const noticeAfter = async (seq) => {
      for (let waited = 0; waited < 45000; waited += 100) {
        const notice = document.querySelector('[data-seq="' + (seq + 1) + '"]');
        if (notice) return notice.textContent;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return 'no notice';
    };
    const lastSeq = () => Number(document.querySelector('[data-seq]')?.getAttribute('data-seq') ?? 0);
    const type = async (name, value) => {
      const field = document.querySelector('input[name="' + name + '"]');
      field.value = value;
      field.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((resolve) => setTimeout(resolve, 50));
    };
    const act = async (root, name) => {
      const before = lastSeq();
      click(root, name);
      const notice = await noticeAfter(before);
      if (!/is checked and not installed yet/.test(notice)) return notice;
      // Held back for review: install it, as a reader who read it would.
      await new Promise((resolve) => setTimeout(resolve, 100));
      click(document.querySelector('[data-list] .review')?.closest('[data-list]') ?? document, /^Install version /);
      return noticeAfter(before + 1);
    };
`;

/** Subscribes to the list at `url` (with the maintainer's key, if given) and returns the notice that answers it. */
export function subscribe(options: FirefoxContext, url: string, key = ''): Promise<string> {
  return options.evaluate(`(async () => {
    ${ACT}
    await type('subscribe-url', ${JSON.stringify(url)});
    await type('subscribe-key', ${JSON.stringify(key)});
    return act(document.querySelector('section[aria-labelledby="add-list-heading"]'), /^Subscribe$/);
  })()`);
}

/** "Update now" on a list; returns the notice that answers it (after installing an update held back for review). */
export function updateList(options: FirefoxContext, list: string): Promise<string> {
  return options.evaluate(`(async () => {
    ${ACT}
    return act(document.querySelector('[data-list=${JSON.stringify(list)}]'), /^Update now$/);
  })()`);
}

/** A list's installed version as the options page shows it, once it shows `expected` (or after 10 s). */
export function shownVersion(options: FirefoxContext, list: string, expected: string): Promise<string> {
  return options.evaluate(`(async () => {
    const read = () =>
      document.querySelector('[data-list=${JSON.stringify(list)}] [data-testid="list-version"]')?.textContent;
    for (let waited = 0; waited < 10000 && read() !== ${JSON.stringify(expected)}; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return read();
  })()`);
}

/** Chooses a file (its bytes in base64) in "Add a list from a file"; returns the notice that answers it. */
export function chooseFile(options: FirefoxContext, name: string, base64: string): Promise<string> {
  return options.evaluate(`(async () => {
    ${ACT}
    const bytes = Uint8Array.from(atob(${JSON.stringify(base64)}), (c) => c.charCodeAt(0));
    const files = new DataTransfer();
    files.items.add(new File([bytes], ${JSON.stringify(name)}));
    const input = document.querySelector('input[name="dataset-file"]');
    const before = lastSeq();
    input.files = files.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    return noticeAfter(before);
  })()`);
}

/** Sends a protocol message from this page, as the page's own code would. */
export function ask(context: FirefoxContext, tdl: string, data?: unknown): Promise<any> {
  return context.evaluate(`browser.runtime.sendMessage(${JSON.stringify({ tdl, data })})`);
}

/** Types the list maintainer's public key into its field; returns the line that shows its fingerprint. */
export function typeKey(options: FirefoxContext, key: string): Promise<string> {
  return options.evaluate(`(async () => {
    const panel = document.querySelector('section[aria-labelledby="add-list-heading"]');
    const field = panel.querySelector('input[name="subscribe-key"]');
    field.value = ${JSON.stringify(key)};
    field.dispatchEvent(new Event('input', { bubbles: true }));
    for (let waited = 0; waited < 5000; waited += 50) {
      const line = panel.querySelector('.key-fingerprint')?.textContent ?? '';
      if (line.startsWith('Fingerprint')) return line;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return panel.querySelector('.key-fingerprint')?.textContent ?? '';
  })()`);
}

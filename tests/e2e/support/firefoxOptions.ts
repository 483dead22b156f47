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

/** Types `url` into the dataset URL field, clicks "Update now", and returns the notice that answers it. */
export function updateFrom(options: FirefoxContext, url: string): Promise<string> {
  return options.evaluate(`(async () => {
    const field = document.querySelector('input[name="refresh-url"]');
    field.value = ${JSON.stringify(url)};
    field.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const before = Number(document.querySelector('[data-seq]')?.getAttribute('data-seq') ?? 0);
    const click = (name) => [...document.querySelectorAll('button')].find((button) => name.test(button.textContent)).click();
    const noticeAfter = async (seq) => {
      for (let waited = 0; waited < 45000; waited += 100) {
        const notice = document.querySelector('[data-seq="' + (seq + 1) + '"]');
        if (notice) return notice.textContent;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return 'no notice';
    };
    click(/^Update now$/);
    const notice = await noticeAfter(before);
    if (!/is checked and not installed yet/.test(notice)) return notice;
    // Held back for review: install it, as a reader who read it would.
    await new Promise((resolve) => setTimeout(resolve, 50));
    click(/^Install version /);
    return noticeAfter(before + 1);
  })()`);
}

/** The installed version as the options page shows it, once it shows `expected` (or after 10 s). */
export function shownVersion(options: FirefoxContext, expected: string): Promise<string> {
  return options.evaluate(`(async () => {
    const read = () => document.querySelector('[data-testid="dataset-version"]')?.textContent;
    for (let waited = 0; waited < 10000 && read() !== ${JSON.stringify(expected)}; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return read();
  })()`);
}

/** Sends a protocol message from this page, as the page's own code would. */
export function ask(context: FirefoxContext, tdl: string, data?: unknown): Promise<any> {
  return context.evaluate(`browser.runtime.sendMessage(${JSON.stringify({ tdl, data })})`);
}

/** Types the list maintainer's public key into its field; returns the line that shows its fingerprint. */
export function typeKey(options: FirefoxContext, key: string): Promise<string> {
  return options.evaluate(`(async () => {
    const field = document.querySelector('input[name="refresh-key"]');
    field.value = ${JSON.stringify(key)};
    field.dispatchEvent(new Event('input', { bubbles: true }));
    for (let waited = 0; waited < 5000; waited += 50) {
      const line = document.querySelector('.key-fingerprint')?.textContent ?? '';
      if (line.startsWith('Fingerprint')) return line;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return document.querySelector('.key-fingerprint')?.textContent ?? '';
  })()`);
}

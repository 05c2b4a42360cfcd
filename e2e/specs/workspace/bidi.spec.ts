import type { Locator } from '@playwright/test';
import { expect, hireOperator, test } from '../../support/fixtures';
import { employee, take, visitorWrites } from '../../support/workspace';

const RLO = '\u202E';

/**
 * Whether `word`, as laid out on screen inside the element, reads left to right: its first letter is
 * left of its last. A right-to-left override that leaks out of a name or a message reverses it.
 */
async function readsLeftToRight(element: Locator, word: string): Promise<boolean> {
  return element.evaluate((root, w) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(w) ?? -1;
      if (at < 0) continue;
      const box = (from: number) => {
        const range = document.createRange();
        range.setStart(node, from);
        range.setEnd(node, from + 1);
        return range.getBoundingClientRect();
      };
      return box(at).left < box(at + w.length - 1).left;
    }
    throw new Error(`"${w}" is not in the element`);
  }, word);
}

/**
 * Issue #10, point 12: right-to-left override characters in what users write (a visitor's name and
 * message, an operator's name) reverse nothing around them, in the operator app and in the widget.
 */
test('a right-to-left override in names and messages reverses nothing around them', async ({ browser }) => {
  const operatorName = `Olga${RLO}Ops`;
  const hired = await hireOperator(operatorName);
  const visitorName = `Ahmed${RLO}evil`;
  const visitor = await visitorWrites(browser, { name: visitorName, text: `Invoice ${RLO}fdp.exe attached` });
  const operator = await employee(browser, hired.email);
  await take(operator, 'Invoice');

  // The operator app: the system line "<name> took the request · <time>" still reads "took the request".
  const taken = operator.getByTestId('message').filter({ hasText: 'took the request' });
  await expect(taken).toBeVisible();
  expect(await readsLeftToRight(taken, 'request')).toBe(true);
  // The message text is isolated, and so is the client's name in the list and the conversation.
  const body = operator.getByTestId('message').filter({ hasText: 'attached' });
  await expect(body.locator('[dir="auto"]')).toHaveCount(1);
  await expect(operator.getByTestId('conversation-client')).toHaveAttribute('dir', 'auto');
  const rowClient = operator.getByTestId('ticket-row-client').filter({ hasText: 'Ahmed' });
  await expect(rowClient).toHaveAttribute('dir', 'auto');

  // The widget: "<operator> is answering" still reads "is answering".
  const answering = visitor.widget.getByTestId('omni-operator');
  await expect(answering).toContainText('is answering');
  expect(await readsLeftToRight(answering, 'answering')).toBe(true);
  await expect(visitor.widget.getByTestId('omni-message').filter({ hasText: 'attached' }).locator('[dir="auto"]')).toHaveCount(1);
});

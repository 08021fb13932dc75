// What the real-editor tests expect a file to look like after the quick fix of aws_lambda_vpc_eni_permissions
// ("Attach AWSLambdaVPCAccessExecutionRole to aws_iam_role.<name>"), worked out independently of the server:
// the fix inserts a policy attachment, after a blank line, right after the role's closing brace.

export const ENI_RULE = 'aws_lambda_vpc_eni_permissions';

/** The title of the rule's quick fix for the role `aws_iam_role.<role>`. */
export function eniFixTitle(role: string): string {
  return `Attach AWSLambdaVPCAccessExecutionRole to aws_iam_role.${role}`;
}

/** The resource block the quick fix adds for `aws_iam_role.<role>` (in the `aws` partition). */
export function vpcAccessAttachment(role: string): string {
  return [
    `resource "aws_iam_role_policy_attachment" "${role}_vpc_access" {`,
    `  role       = aws_iam_role.${role}.name`,
    '  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"',
    '}',
  ].join('\n');
}

/**
 * `text` with the attachment inserted after the block `resource "aws_iam_role" "<role>"`, whose closing brace is
 * the first `}` alone on a line after its header (the fixtures are formatted like `terraform fmt`).
 * Throws when the text has no such block: the fixture and the test disagree.
 */
export function withVpcAccessAttachment(text: string, role: string): string {
  const header = text.indexOf(`resource "aws_iam_role" "${role}" {`);
  const close = header < 0 ? -1 : text.indexOf('\n}', header);
  if (close < 0) throw new Error(`no block resource "aws_iam_role" "${role}" in the fixture`);
  const end = close + 2;
  return `${text.slice(0, end)}\n\n${vpcAccessAttachment(role)}${text.slice(end)}`;
}

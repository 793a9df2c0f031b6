package fakeiam_test

// IAM's error texts (docs/contract.md), one helper per text: expected errors are
// written from these, never read from the fake.

import (
	"errors"
	"strconv"
	"strings"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// validationError is a ValidationError with the whole message msg.
func validationError(msg string) *fakeiam.Error {
	return &fakeiam.Error{Code: "ValidationError", Status: 400, Message: msg}
}

// failedConstraints is IAM's standard ValidationError, listing "Value at
// 'member' failed to satisfy constraint: phrase" for each member, phrase
// pair, in order (docs/contract.md "Parameters").
func failedConstraints(memberPhrases ...string) *fakeiam.Error {
	var parts []string
	for i := 0; i < len(memberPhrases); i += 2 {
		parts = append(parts, "Value at '"+memberPhrases[i]+"' failed to satisfy constraint: "+memberPhrases[i+1])
	}
	head := "1 validation error detected: "
	if len(parts) > 1 {
		head = strconv.Itoa(len(parts)) + " validation errors detected: "
	}
	return validationError(head + strings.Join(parts, "; "))
}

// The phrases of failedConstraints.

func minLength(n int) string {
	return "Member must have length greater than or equal to " + strconv.Itoa(n)
}

func maxLength(n int) string {
	return "Member must have length less than or equal to " + strconv.Itoa(n)
}

func minValue(n int) string {
	return "Member must have value greater than or equal to " + strconv.Itoa(n)
}

func maxValue(n int) string { return "Member must have value less than or equal to " + strconv.Itoa(n) }

func pattern(p string) string { return "Member must satisfy regular expression pattern: " + p }

const enumValueSet = "Member must satisfy enum value set"

// Patterns of the model, as IAM quotes them.
const (
	markerPattern   = `[\u0020-\u00FF]+`
	bodyPattern     = `[\u0009\u000A\u000D\u0020-\u00FF]+`
	wordPattern     = `[\w]+`
	tagKeyPattern   = `[\p{L}\p{Z}\p{N}_.:/=+\-@]+`
	tagValuePattern = `[\p{L}\p{Z}\p{N}_.:/=+\-@]*`
)

// invalidName is IAM's own text for a name member (userName, newUserName)
// failing its pattern: the whole message, and only when no standard
// constraint fails.
func invalidName(member string) *fakeiam.Error {
	return validationError("The specified value for " + member + " is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-")
}

// invalidPath is IAM's own text for a path member (path, newPath,
// pathPrefix) failing its pattern.
func invalidPath(member string) *fakeiam.Error {
	return validationError("The specified value for " + member + " is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.")
}

var (
	invalidMarker       = validationError("Invalid Marker.")
	mustSpecifyUserName = validationError("Must specify userName when calling with non-User credentials")
)

func noSuchUser(name string) *fakeiam.Error {
	return &fakeiam.Error{Code: "NoSuchEntity", Status: 404, Message: "The user with name " + name + " cannot be found."}
}

func noSuchCertificate(id string) *fakeiam.Error {
	return &fakeiam.Error{Code: "NoSuchEntity", Status: 404, Message: "The Certificate with id " + id + " cannot be found."}
}

func noSuchAccessKey(id string) *fakeiam.Error {
	return &fakeiam.Error{Code: "NoSuchEntity", Status: 404, Message: "The Access Key with id " + id + " cannot be found."}
}

func userExists(name string) *fakeiam.Error {
	return &fakeiam.Error{Code: "EntityAlreadyExists", Status: 409, Message: "User with name " + name + " already exists."}
}

// deleteConflict is DeleteUser's refusal while the user holds what ("access
// keys", "certificates").
func deleteConflict(what string) *fakeiam.Error {
	return &fakeiam.Error{Code: "DeleteConflict", Status: 409, Message: "Cannot delete entity, must delete " + what + " first."}
}

// quotaExceeded is LimitExceeded for quota ("AccessKeysPerUser",
// "CertificatesPerUser") at n.
func quotaExceeded(quota string, n int) *fakeiam.Error {
	return &fakeiam.Error{Code: "LimitExceeded", Status: 409, Message: "Cannot exceed quota for " + quota + ": " + strconv.Itoa(n)}
}

var (
	duplicateTagKeys = &fakeiam.Error{Code: "InvalidInput", Status: 400, Message: "Duplicate tag keys found. Please note that Tag keys are case insensitive."}
	reservedTagKey   = &fakeiam.Error{Code: "InvalidInput", Status: 400, Message: "Tag keys beginning with aws: are reserved for AWS use."}
)

// Passwords.

func loginProfileExists(user string) *fakeiam.Error {
	return &fakeiam.Error{Code: "EntityAlreadyExists", Status: 409, Message: "Login Profile for user " + user + " already exists."}
}

func noSuchLoginProfile(user string) *fakeiam.Error {
	return &fakeiam.Error{Code: "NoSuchEntity", Status: 404, Message: "Login Profile for User " + user + " cannot be found."}
}

func passwordPolicyViolation(msg string) *fakeiam.Error {
	return &fakeiam.Error{Code: "PasswordPolicyViolation", Status: 400, Message: msg}
}

func noPasswordPolicy(account string) *fakeiam.Error {
	return &fakeiam.Error{Code: "NoSuchEntity", Status: 404, Message: "The Password Policy with domain name " + account + " cannot be found."}
}

var (
	noAccountPolicy  = &fakeiam.Error{Code: "NoSuchEntity", Status: 404, Message: "The account policy with name PasswordPolicy cannot be found."}
	notIAMUser       = &fakeiam.Error{Code: "InvalidUserType", Status: 400, Message: "Only IAM users can change their own password."}
	wrongOldPassword = &fakeiam.Error{Code: "AccessDenied", Status: 403, Message: "The old password is incorrect."}
	tooShortFor      = func(n int) *fakeiam.Error {
		return passwordPolicyViolation("Password should have a minimum length of " + strconv.Itoa(n))
	}
	fewerThanThreeKinds = passwordPolicyViolation("Password should have at least three of the following: uppercase letters, lowercase letters, numbers and symbols")
	passwordPattern     = `[\u0009\u000A\u000D\u0020-\u00FF]+`
)

// Groups.

func noSuchGroup(name string) *fakeiam.Error {
	return &fakeiam.Error{Code: "NoSuchEntity", Status: 404, Message: "The group with name " + name + " cannot be found."}
}

func groupExists(name string) *fakeiam.Error {
	return &fakeiam.Error{Code: "EntityAlreadyExists", Status: 409, Message: "Group with name " + name + " already exists."}
}

// mustRemoveUsers is DeleteGroup's refusal while the group has members,
// and DeleteUser's while the user is in a group: one text.
var mustRemoveUsers = &fakeiam.Error{Code: "DeleteConflict", Status: 409, Message: "Cannot delete entity, must remove users from group first."}

func duplicateCertificate(existingID string) *fakeiam.Error {
	return &fakeiam.Error{Code: "DuplicateCertificate", Status: 409, Message: "The Certificate with id " + existingID + " already exists."}
}

func malformedCertificate(body string) *fakeiam.Error {
	return &fakeiam.Error{Code: "MalformedCertificate", Status: 400, Message: "Certificate " + body + " is malformed."}
}

var (
	// certificateExpired is IAM's text for a certificate whose NotAfter has
	// passed.
	certificateExpired = &fakeiam.Error{Code: "MalformedCertificate", Status: 400, Message: "Certificate is no longer valid. The 'Not After' date restriction on the certificate has passed."}
	// certificateNotYetValid is the fake's text (a choice: IAM's is
	// unknown) for a certificate whose NotBefore is still in the future.
	certificateNotYetValid = &fakeiam.Error{Code: "MalformedCertificate", Status: 400, Message: "Certificate is not valid yet. The 'Not Before' date restriction on the certificate has not been reached."}
)

// statusExpiredRefused is Update's refusal of Status=Expired for what
// ("access keys", "signing certificates").
func statusExpiredRefused(what string) *fakeiam.Error {
	return &fakeiam.Error{Code: "InvalidInput", Status: 400, Message: "Status Expired is not valid for " + what + "."}
}

// Authentication.
var (
	invalidToken      = &fakeiam.Error{Code: "InvalidClientTokenId", Status: 403, Message: "The security token included in the request is invalid."}
	signatureMismatch = &fakeiam.Error{Code: "SignatureDoesNotMatch", Status: 403, Message: "The request signature we calculated does not match the signature you provided. " +
		"Check your AWS Secret Access Key and signing method. Consult the service documentation for details."}
	missingAuthToken = &fakeiam.Error{Code: "MissingAuthenticationToken", Status: 403, Message: "Request is missing Authentication Token"}
)

// lastUsedDenied is GetAccessKeyLastUsed's refusal of a key it does not
// find (IAM's text: "perform iam:…", no colon).
func lastUsedDenied(caller, id string) *fakeiam.Error {
	return &fakeiam.Error{Code: "AccessDenied", Status: 403,
		Message: "User: " + caller + " is not authorized to perform iam:GetAccessKeyLastUsed on resource: access key " + id}
}

// Injected faults (faults.go), as IAM words them.

// ruleDenied is AccessDenied() as a rule answers it (with the colon of the
// standard text, unlike GetAccessKeyLastUsed's own refusal).
func ruleDenied(caller string, op fakeiam.Operation, resource string) *fakeiam.Error {
	return &fakeiam.Error{Code: "AccessDenied", Status: 403,
		Message: "User: " + caller + " is not authorized to perform: iam:" + string(op) + " on resource: " + resource}
}

var (
	serviceFailure = &fakeiam.Error{Code: "ServiceFailure", Status: 500, Message: "The request processing has failed because of an unknown error, exception or failure."}
	throttling     = &fakeiam.Error{Code: "Throttling", Status: 400, Message: "Rate exceeded"}
)

// apiErrorMessage is the IAM error message err carries, or err's text when
// it is no API error ("" for nil).
func apiErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var ae interface{ ErrorMessage() string }
	if errors.As(err, &ae) {
		return ae.ErrorMessage()
	}
	return err.Error()
}

// SSH public keys (ssh_public_keys_test.go): NoSuchEntity's and
// DeleteUser's texts are IAM's; the others, the fake's choice (the model's
// description of each error; docs/contract.md, "SSH public keys").

func noSuchSSHKey(id string) *fakeiam.Error {
	return &fakeiam.Error{Code: "NoSuchEntity", Status: 404, Message: "The Public Key with id " + id + " cannot be found."}
}

var (
	sshKeyQuota           = quotaExceeded("SSHPublicKeysPerUser", 5)
	duplicateSSHKey       = &fakeiam.Error{Code: "DuplicateSSHPublicKey", Status: 400, Message: "The SSH public key is already associated with the specified IAM user."}
	invalidPublicKey      = &fakeiam.Error{Code: "InvalidPublicKey", Status: 400, Message: "The public key is malformed or otherwise invalid."}
	unrecognizedPublicKey = &fakeiam.Error{Code: "UnrecognizedPublicKeyEncoding", Status: 400, Message: "The public key encoding format is unsupported or unrecognized."}
	deleteConflictSSHKeys = &fakeiam.Error{Code: "DeleteConflict", Status: 409, Message: "Cannot delete entity, must remove referenced objects first."}
)

// STS's and the account alias's texts (docs/contract.md, "Caller identity",
// "Account aliases").

// invalidTokenSTS is InvalidClientTokenId as STS's regional endpoints
// write it: no final period.
var invalidTokenSTS = &fakeiam.Error{Code: "InvalidClientTokenId", Status: 403, Message: "The security token included in the request is invalid"}

// aliasPattern is the model's AccountAlias pattern, as IAM quotes it.
const aliasPattern = `^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$`

func aliasExists(alias string) *fakeiam.Error {
	return &fakeiam.Error{Code: "EntityAlreadyExists", Status: 409, Message: "The account alias " + alias + " already exists."}
}

func noSuchAlias(alias string) *fakeiam.Error {
	return &fakeiam.Error{Code: "NoSuchEntity", Status: 404, Message: "The account alias " + alias + " cannot be found."}
}

// Managed policies and their attachments.

func policyExists(name string) *fakeiam.Error {
	return &fakeiam.Error{Code: "EntityAlreadyExists", Status: 409, Message: "A policy called " + name + " already exists. Duplicate names are not allowed."}
}

func noSuchPolicy(arn string) *fakeiam.Error {
	return &fakeiam.Error{Code: "NoSuchEntity", Status: 404, Message: "Policy " + arn + " was not found."}
}

func notAttachable(arn string) *fakeiam.Error {
	return &fakeiam.Error{Code: "NoSuchEntity", Status: 404, Message: "Policy " + arn + " does not exist or is not attachable."}
}

func noSuchPolicyVersion(arn, version string) *fakeiam.Error {
	return &fakeiam.Error{Code: "NoSuchEntity", Status: 404, Message: "Policy " + arn + " version " + version + " does not exist or is not attachable."}
}

var (
	policyAttached      = &fakeiam.Error{Code: "DeleteConflict", Status: 409, Message: "Cannot delete a policy attached to entities."}
	policyHasVersions   = &fakeiam.Error{Code: "DeleteConflict", Status: 409, Message: "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy."}
	defaultVersionKept  = &fakeiam.Error{Code: "DeleteConflict", Status: 409, Message: "Cannot delete the default version of a policy."}
	versionQuota        = &fakeiam.Error{Code: "LimitExceeded", Status: 409, Message: "A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version."}
	mustDetachPolicies  = &fakeiam.Error{Code: "DeleteConflict", Status: 409, Message: "Cannot delete entity, must detach all policies first."}
	duplicatePolicyTags = &fakeiam.Error{Code: "InvalidInput", Status: 400, Message: "Duplicate tag keys found."}
)

// Inline policies.

// noSuchInlinePolicy: kind is "user" or "group".
func noSuchInlinePolicy(kind, name string) *fakeiam.Error {
	return &fakeiam.Error{Code: "NoSuchEntity", Status: 404, Message: "The " + kind + " policy with name " + name + " cannot be found."}
}

func malformedPolicy(msg string) *fakeiam.Error {
	return &fakeiam.Error{Code: "MalformedPolicyDocument", Status: 400, Message: msg}
}

// policySizeExceeded: an owner's inline policies past quota bytes; kind
// is "user" or "group".
func policySizeExceeded(quota int, kind, name string) *fakeiam.Error {
	return &fakeiam.Error{Code: "LimitExceeded", Status: 409, Message: "Maximum policy size of " + strconv.Itoa(quota) + " bytes exceeded for " + kind + " " + name}
}

// Role policies and permissions boundaries.

func noSuchRole(name string) *fakeiam.Error {
	return &fakeiam.Error{Code: "NoSuchEntity", Status: 404, Message: "The role with name " + name + " cannot be found."}
}

// boundaryNotAttachable: a permissions boundary that names no managed
// policy of the account.
func boundaryNotAttachable(arn string) *fakeiam.Error {
	return &fakeiam.Error{Code: "NoSuchEntity", Status: 404, Message: "Scope ARN: " + arn + " does not exist or is not attachable."}
}

// invalidARN: a policy ARN that does not parse (recorded: docs/contract.md).
func invalidARN(arn string) *fakeiam.Error {
	return &fakeiam.Error{Code: "ValidationError", Status: 400, Message: "ARN " + arn + " is not valid."}
}

// notAPolicyARN: a boundary's ARN of another resource type (recorded).
func notAPolicyARN(arn string) *fakeiam.Error {
	return &fakeiam.Error{Code: "InvalidInput", Status: 400, Message: "ARN " + arn + " is not valid."}
}

// The credential report's errors (docs/contract.md, "Credential report"):
// no message.
var (
	reportNotPresent = &fakeiam.Error{Code: "ReportNotPresent", Status: 410}
	reportInProgress = &fakeiam.Error{Code: "ReportInProgress", Status: 404}
	reportExpired    = &fakeiam.Error{Code: "ReportExpired", Status: 410}
)

// Roles.

func roleExists(name string) *fakeiam.Error {
	return &fakeiam.Error{Code: "EntityAlreadyExists", Status: 409, Message: "Role with name " + name + " already exists."}
}

// Trust policies' MalformedPolicyDocument texts.
const (
	msgTrustInvalidJSON    = "This policy contains invalid Json"
	msgTrustNoPrincipal    = "Missing required field Principal"
	msgTrustEmptyPrincipal = "Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: The passed in policy has a statement with no principals!"
	msgTrustAssumeRoleOnly = "AssumeRole policy may only specify STS AssumeRole actions."
)

var (
	trustPolicySizeQuota = quotaExceeded("ACLSizePerRole", 2048)
)

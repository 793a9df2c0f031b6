package fakeiam

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// Error is an IAM error response: the code, HTTP status and message IAM puts on
// the wire. The fake turns it into exactly the error value the SDK builds from
// IAM's XML: a modeled type such as *types.NoSuchEntityException when the SDK
// models the code, a *smithy.GenericAPIError otherwise, wrapped in
// *awshttp.ResponseError with the status and a request id.
type Error struct {
	Code    string // IAM error code, e.g. "NoSuchEntity"
	Status  int    // HTTP status, e.g. 404
	Message string // message text, as it reaches the caller through IAM's XML (see Fail)
}

func (e *Error) Error() string {
	return fmt.Sprintf("fakeiam: IAM error %s (HTTP %d): %s", e.Code, e.Status, e.Message)
}

// faultType is the <Type> element of IAM's error XML: Receiver for server
// faults, Sender for everything the caller caused.
func (e *Error) faultType() string {
	if e.Status >= 500 {
		return "Receiver"
	}
	return "Sender"
}

// The error texts of docs/contract.md, in one place.
const (
	msgServiceFailure   = "The request processing has failed because of an unknown error, exception or failure."
	msgThrottling       = "Rate exceeded"
	msgInvalidToken     = "The security token included in the request is invalid."
	msgInvalidTokenSTS  = "The security token included in the request is invalid" // STS's regional endpoints: no period
	msgMissingToken     = "Request is missing Authentication Token"
	msgExpiredToken     = "The security token included in the request is expired"
	msgSignatureInvalid = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
	msgInvalidMarker    = "Invalid Marker."
	msgNonUserCaller    = "Must specify userName when calling with non-User credentials"
)

func errNoSuchUser(name string) *Error {
	return &Error{"NoSuchEntity", 404, "The user with name " + name + " cannot be found."}
}

func errNoSuchCertificate(id string) *Error {
	return &Error{"NoSuchEntity", 404, "The Certificate with id " + id + " cannot be found."}
}

func errMalformedCertificate(body string) *Error {
	return &Error{"MalformedCertificate", 400, "Certificate " + body + " is malformed."}
}

func errCertificateQuota(quota int) *Error {
	return &Error{"LimitExceeded", 409, "Cannot exceed quota for CertificatesPerUser: " + strconv.Itoa(quota)}
}

func errDuplicateCertificate(existingID string) *Error {
	return &Error{"DuplicateCertificate", 409, "The Certificate with id " + existingID + " already exists."}
}

func errExpiredStatus() *Error {
	return &Error{"InvalidInput", 400, "Status Expired is not valid for signing certificates."}
}

func errUserExists(name string) *Error {
	return &Error{"EntityAlreadyExists", 409, "User with name " + name + " already exists."}
}

// errDeleteConflict refuses deleting a user while it still has what
// ("access keys", "certificates").
func errDeleteConflict(what string) *Error {
	return &Error{"DeleteConflict", 409, "Cannot delete entity, must delete " + what + " first."}
}

func errNoSuchAccessKey(id string) *Error {
	return &Error{"NoSuchEntity", 404, "The Access Key with id " + id + " cannot be found."}
}

func errAccessKeyQuota(quota int) *Error {
	return &Error{"LimitExceeded", 409, "Cannot exceed quota for AccessKeysPerUser: " + strconv.Itoa(quota)}
}

// errDuplicateTagKeys refuses two tags of one request whose keys are equal
// ignoring case.
func errDuplicateTagKeys() *Error {
	return &Error{"InvalidInput", 400, "Duplicate tag keys found. Please note that Tag keys are case insensitive."}
}

func errTagQuota(quota int) *Error {
	return &Error{"LimitExceeded", 409, "Cannot exceed quota for TagsPerUser: " + strconv.Itoa(quota)}
}

func errReservedTagKey() *Error {
	return &Error{"InvalidInput", 400, "Tag keys beginning with aws: are reserved for AWS use."}
}

// Passwords (passwords.go).

func errLoginProfileExists(user string) *Error {
	return &Error{"EntityAlreadyExists", 409, "Login Profile for user " + user + " already exists."}
}

func errNoSuchLoginProfile(user string) *Error {
	return &Error{"NoSuchEntity", 404, "Login Profile for User " + user + " cannot be found."}
}

func errPasswordPolicy(msg string) *Error { return &Error{"PasswordPolicyViolation", 400, msg} }

// errNotIAMUser refuses ChangePassword by the root user or a role.
func errNotIAMUser() *Error {
	return &Error{"InvalidUserType", 400, "Only IAM users can change their own password."}
}

func errWrongOldPassword() *Error {
	return &Error{"AccessDenied", 403, "The old password is incorrect."}
}

func errNoPasswordPolicy(accountID string) *Error {
	return &Error{"NoSuchEntity", 404, "The Password Policy with domain name " + accountID + " cannot be found."}
}

func errNoAccountPolicy() *Error {
	return &Error{"NoSuchEntity", 404, "The account policy with name PasswordPolicy cannot be found."}
}

// Groups (groups.go).

func errNoSuchGroup(name string) *Error {
	return &Error{"NoSuchEntity", 404, "The group with name " + name + " cannot be found."}
}

func errGroupExists(name string) *Error {
	return &Error{"EntityAlreadyExists", 409, "Group with name " + name + " already exists."}
}

func errGroupQuota(quota int) *Error {
	return &Error{"LimitExceeded", 409, "Cannot exceed quota for GroupsPerAccount: " + strconv.Itoa(quota)}
}

func errGroupsPerUserQuota(quota int) *Error {
	return &Error{"LimitExceeded", 409, "Cannot exceed quota for GroupsPerUser: " + strconv.Itoa(quota)}
}

// errDeleteConflictMembers refuses deleting a group that has members, and
// a user that is in a group: IAM says the same for both.
func errDeleteConflictMembers() *Error {
	return &Error{"DeleteConflict", 409, "Cannot delete entity, must remove users from group first."}
}

// errUnsupportedParameter refuses, loudly and without retries (HTTP 501),
// a parameter the fake does not model.
func errUnsupportedParameter(op Operation, member string) *Error {
	return &Error{"NotImplemented", 501, "fakeiam does not implement the " + member + " parameter of " + string(op) + " (nothing was done)"}
}

func errExpiredKeyStatus() *Error {
	return &Error{"InvalidInput", 400, "Status Expired is not valid for access keys."}
}

// SSH public keys (ssh_public_keys.go). IAM's texts are unknown except
// NoSuchEntity's (docs/contract.md, "SSH public keys"): the others are
// the model's description of each error.

func errNoSuchSSHKey(id string) *Error {
	return &Error{"NoSuchEntity", 404, "The Public Key with id " + id + " cannot be found."}
}

func errSSHKeyQuota(quota int) *Error {
	return &Error{"LimitExceeded", 409, "Cannot exceed quota for SSHPublicKeysPerUser: " + strconv.Itoa(quota)}
}

func errDuplicateSSHKey() *Error {
	return &Error{"DuplicateSSHPublicKey", 400, "The SSH public key is already associated with the specified IAM user."}
}

func errInvalidPublicKey() *Error {
	return &Error{"InvalidPublicKey", 400, "The public key is malformed or otherwise invalid."}
}

func errUnrecognizedPublicKeyEncoding() *Error {
	return &Error{"UnrecognizedPublicKeyEncoding", 400, "The public key encoding format is unsupported or unrecognized."}
}

func errExpiredSSHKeyStatus() *Error {
	return &Error{"InvalidInput", 400, "Status Expired is not valid for SSH public keys."}
}

// errDeleteReferenced refuses deleting a user that still has SSH public
// keys: IAM's text names no kind of object.
func errDeleteReferenced() *Error {
	return &Error{"DeleteConflict", 409, "Cannot delete entity, must remove referenced objects first."}
}

// errAliasExists refuses an account alias that an account already holds.
func errAliasExists(alias string) *Error {
	return &Error{"EntityAlreadyExists", 409, "The account alias " + alias + " already exists."}
}

// errNoSuchAlias refuses deleting an alias the account does not hold.
func errNoSuchAlias(alias string) *Error {
	return &Error{"NoSuchEntity", 404, "The account alias " + alias + " cannot be found."}
}

func errValidation(msg string) *Error { return &Error{"ValidationError", 400, msg} }

func errServiceFailure() *Error { return &Error{"ServiceFailure", 500, msgServiceFailure} }

func errThrottling() *Error { return &Error{"Throttling", 400, msgThrottling} }

func errInvalidClientTokenID() *Error { return &Error{"InvalidClientTokenId", 403, msgInvalidToken} }

// errInvalidClientTokenIDOf is InvalidClientTokenId as svc writes it.
func errInvalidClientTokenIDOf(svc *service) *Error {
	return &Error{"InvalidClientTokenId", 403, svc.invalidToken}
}

// errExpiredToken answers a request signed with temporary credentials
// that expired (sessions.go).
func errExpiredToken() *Error {
	return &Error{"ExpiredToken", 403, msgExpiredToken}
}

func errMissingAuthenticationToken() *Error {
	return &Error{"MissingAuthenticationToken", 403, msgMissingToken}
}

func errSignatureDoesNotMatch() *Error {
	return &Error{"SignatureDoesNotMatch", 403, msgSignatureInvalid}
}

// The credential report's errors (credential_report.go): IAM sends them
// without a message (recorded for ReportNotPresent; reported for
// ReportInProgress; a choice for ReportExpired).
func errReportNotPresent() *Error { return &Error{"ReportNotPresent", 410, ""} }
func errReportInProgress() *Error { return &Error{"ReportInProgress", 404, ""} }
func errReportExpired() *Error    { return &Error{"ReportExpired", 410, ""} }

// errAccessDenied is IAM's denial of action on resource ("user Bob").
// errAccessDeniedBecause is enforcement's AccessDenied: IAM's text with
// its reason (recorded: docs/contract.md, "Enforcement").
func errAccessDeniedBecause(callerARN, action, resource, reason string) *Error {
	e := errNotAuthorized(callerARN, action, resource)
	e.Message += " " + reason
	return e
}

// errNotAuthorized is AccessDenied without a reason, as STS's trust
// policies and fault rules give it.
func errNotAuthorized(callerARN, action, resource string) *Error {
	return &Error{"AccessDenied", 403, "User: " + callerARN + " is not authorized to perform: " + action + " on resource: " + resource}
}

func errAccessDenied(callerARN string, op Operation, resource string) *Error {
	action := "iam:" + string(op)
	if o := lookupOperation(op); o != nil {
		action = o.action // sts:AssumeRole
	}
	return errNotAuthorized(callerARN, action, resource)
}

// writeErrorXML writes e as IAM's query-protocol error document, the only
// layout the Go SDK reads.
func writeErrorXML(w io.Writer, namespace string, e *Error, requestID string) {
	io.WriteString(w, `<ErrorResponse xmlns="`)
	xml.EscapeText(w, []byte(namespace))
	io.WriteString(w, `"><Error><Type>`)
	io.WriteString(w, e.faultType())
	io.WriteString(w, `</Type><Code>`)
	xml.EscapeText(w, []byte(e.Code))
	io.WriteString(w, `</Code>`)
	if e.Message != "" { // IAM leaves it out of some errors (the credential report's)
		io.WriteString(w, `<Message>`)
		xml.EscapeText(w, []byte(e.Message))
		io.WriteString(w, `</Message>`)
	}
	io.WriteString(w, `</Error><RequestId>`)
	xml.EscapeText(w, []byte(requestID))
	io.WriteString(w, `</RequestId></ErrorResponse>`)
}

// errorAnswer is IAM's error answer to one attempt: the *Error, made once
// where the outcome was decided, and the request id it went out with. Each
// door renders it: the HTTP door writes it as IAM's XML (writeErrorXML);
// the SDK door hands out the error chain the SDK builds from that XML
// (sdkError), built on first use. The call log keeps only the *Error and
// has the SDK build the chain again when it is read (calllog.go). So no
// path writes the XML, decodes it, and writes it again.
type errorAnswer struct {
	e         *Error
	requestID string
	svc       *service
	wire      *wire
	once      sync.Once
	sdk       error
}

// sdkError returns the error chain the SDK builds from IAM's response to a.
func (a *errorAnswer) sdkError() error {
	a.once.Do(func() { a.sdk = a.wire.sdkError(a.svc, a.e, a.requestID) })
	return a.sdk
}

// wire decodes responses with the SDK's own protocol implementation of
// each service (services.go), so an error the fake returns is the value the
// SDK would build from the service's bytes.
type wire struct{}

func newWire() *wire { return &wire{} }

// errorResponse is the HTTP response svc would send for e.
func errorResponse(svc *service, e *Error, requestID string) *smithyhttp.Response {
	var body bytes.Buffer
	writeErrorXML(&body, svc.namespace, e, requestID)
	header := http.Header{}
	header.Set("X-Amzn-Requestid", requestID)
	header.Set("Content-Type", "text/xml")
	return &smithyhttp.Response{Response: &http.Response{
		Status:        strconv.Itoa(e.Status) + " " + http.StatusText(e.Status),
		StatusCode:    e.Status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        header,
		ContentLength: int64(body.Len()),
		Body:          io.NopCloser(&body),
	}}
}

// sdkError returns the error chain the SDK produces below the retry loop for
// IAM's response to e: the modeled or generic API error inside
// *smithyhttp.ResponseError inside *awshttp.ResponseError.
func (w *wire) sdkError(svc *service, e *Error, requestID string) error {
	resp := errorResponse(svc, e, requestID)
	// The error path reads neither the context, the operation schema nor
	// the output.
	decoded := svc.protocol().DeserializeResponse(context.Background(), nil, svc.registry, resp, noOutput{})
	// Hand the caller a fresh, unread body, as the SDK leaves it after decoding.
	resp.Body = io.NopCloser(bytes.NewReader(nil))
	return &awshttp.ResponseError{
		ResponseError: &smithyhttp.ResponseError{Response: resp, Err: decoded},
		RequestID:     requestID,
	}
}

// noOutput stands for the output on the error path, which never reads it.
type noOutput struct{}

func (noOutput) Deserialize(smithy.ShapeDeserializer) error { return nil }

// canceledSendError is the error an attempt ends with below the retry loop
// when its context ends while the HTTP client sends it: smithy-go's
// ClientHandler replaces the client's error by *smithy.CanceledError, hands
// up an empty response, and the ResponseErrorWrapper deserialize middleware
// wraps both with no status and no request id.
func canceledSendError(ctxErr error) error {
	resp := &smithyhttp.Response{Response: &http.Response{Header: http.Header{}, Body: http.NoBody}}
	return &awshttp.ResponseError{
		ResponseError: &smithyhttp.ResponseError{Response: resp, Err: &smithy.CanceledError{Err: ctxErr}},
	}
}

// Service-specific credentials (service_specific_credentials.go). The
// codes are the model's; IAM's texts are unknown except where
// docs/contract.md ("Service-specific credentials") gives a source: the
// others are choices in the form of IAM's texts for similar refusals.

// errServiceNotSupported: recorded (LocalStack's
// test_create_service_specific_credential_invalid_service), NoSuchEntity
// rather than the model's NotSupportedService.
func errServiceNotSupported(service string) *Error {
	return &Error{"NoSuchEntity", 404, "No such service " + service + " is supported for Service Specific Credentials"}
}

// errNoSuchServiceCredential: recorded (LocalStack's test_user_match_id_mismatch).
func errNoSuchServiceCredential(id string) *Error {
	return &Error{"NoSuchEntity", 404, "No such credential " + id + " exists"}
}

func errServiceCredentialQuota(quota int) *Error {
	return &Error{"LimitExceeded", 409, "Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: " + strconv.Itoa(quota)}
}

func errCredentialAgeDays() *Error {
	return &Error{"InvalidInput", 400, "CredentialAgeDays is only valid for Bedrock and CloudWatch Logs API keys."}
}

func errAllUsersWithUserName() *Error {
	return &Error{"InvalidInput", 400, "AllUsers cannot be specified together with UserName."}
}

func errExpiredServiceCredentialStatus() *Error {
	return &Error{"InvalidInput", 400, "Status Expired is not valid for service-specific credentials."}
}

// MFA devices (mfa_devices.go). Codes are the model's; texts recorded
// where docs/contract.md ("MFA devices") gives a source, the others
// choices in the form of IAM's texts.

func errMFADeviceExists() *Error {
	return &Error{"EntityAlreadyExists", 409, "MFA device already exists."}
}

func errNoSuchMFADevice(serial string) *Error {
	return &Error{"NoSuchEntity", 404, "MFA Device with serial number " + serial + " does not exist."}
}

func errMFADeviceInUse() *Error {
	return &Error{"EntityAlreadyExists", 409, "MFA Device is already in use."}
}

func errInvalidAuthenticationCode() *Error {
	return &Error{"InvalidAuthenticationCode", 403, "Authentication code for device is not valid."}
}

func errDeleteAssignedMFADevice() *Error {
	return &Error{"DeleteConflict", 409, "Cannot delete entity, must deactivate MFA device first."}
}

func errMFADeviceQuota(quota int) *Error {
	return &Error{"LimitExceeded", 409, "Cannot exceed quota for MFADevicesPerUser: " + strconv.Itoa(quota)}
}

func errVirtualMFAQuota(quota int) *Error {
	return &Error{"LimitExceeded", 409, "Cannot exceed quota for VirtualMFADevicesPerAccount: " + strconv.Itoa(quota)}
}

func errMFATagQuota(quota int) *Error {
	return &Error{"LimitExceeded", 409, "Cannot exceed quota for TagsPerMFADevice: " + strconv.Itoa(quota)}
}

// errDuplicateTagKeysKeepCase refuses a key given twice in the tags of a
// resource whose tag keys keep case (MFA devices, managed policies):
// without the user tags' note that keys are case insensitive (recorded).
func errDuplicateTagKeysKeepCase() *Error {
	return &Error{"InvalidInput", 400, "Duplicate tag keys found."}
}

// Managed policies and their attachments (managed_policies.go,
// policy_attachments.go).

func errPolicyExists(name string) *Error {
	return &Error{"EntityAlreadyExists", 409, "A policy called " + name + " already exists. Duplicate names are not allowed."}
}

func errNoSuchPolicy(arn string) *Error {
	return &Error{"NoSuchEntity", 404, "Policy " + arn + " was not found."}
}

// errInvalidARN refuses a policy ARN that does not parse as an ARN
// (policy_attachments.go, permissions_boundaries.go): recorded (LocalStack's
// test_role_managed_policy_errors and test_user_attach_policy, 2026-02;
// IAM said "Invalid ARN:  Could not be parsed!" in their 2025 recording).
func errInvalidARN(arn string) *Error {
	return &Error{"ValidationError", 400, "ARN " + arn + " is not valid."}
}

// errNotAPolicyARN refuses a permissions boundary whose ARN parses but
// names no policy (another resource type): recorded (LocalStack's
// test_role_permissions_boundary_errors).
func errNotAPolicyARN(arn string) *Error {
	return &Error{"InvalidInput", 400, "ARN " + arn + " is not valid."}
}

// errBoundaryNotAttachable refuses a permissions boundary naming no
// managed policy of the account (permissions_boundaries.go).
func errBoundaryNotAttachable(arn string) *Error {
	return &Error{"NoSuchEntity", 404, "Scope ARN: " + arn + " does not exist or is not attachable."}
}

func errPolicyNotAttachable(arn string) *Error {
	return &Error{"NoSuchEntity", 404, "Policy " + arn + " does not exist or is not attachable."}
}

func errNoSuchPolicyVersion(arn, version string) *Error {
	return &Error{"NoSuchEntity", 404, "Policy " + arn + " version " + version + " does not exist or is not attachable."}
}

func errPolicyQuota(quota int) *Error {
	return &Error{"LimitExceeded", 409, "Cannot exceed quota for PoliciesPerAccount: " + strconv.Itoa(quota)}
}

func errAttachedPoliciesQuota(name string, quota int) *Error {
	return &Error{"LimitExceeded", 409, "Cannot exceed quota for " + name + ": " + strconv.Itoa(quota)}
}

func errPolicyVersionQuota(quota int) *Error {
	return &Error{"LimitExceeded", 409, "A managed policy can have up to " + strconv.Itoa(quota) + " versions. Before you create a new version, you must delete an existing version."}
}

func errPolicyAttached() *Error {
	return &Error{"DeleteConflict", 409, "Cannot delete a policy attached to entities."}
}

func errPolicyHasVersions() *Error {
	return &Error{"DeleteConflict", 409, "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy."}
}

func errDeleteDefaultVersion() *Error {
	return &Error{"DeleteConflict", 409, "Cannot delete the default version of a policy."}
}

// errDeleteConflictPolicies refuses deleting a user or a group while
// managed policies are attached to it.
func errDeleteConflictPolicies() *Error {
	return &Error{"DeleteConflict", 409, "Cannot delete entity, must detach all policies first."}
}

// Server certificates (server_certificates.go). Texts recorded where
// docs/contract.md ("Server certificates") says so; the others are choices
// in the form of IAM's texts for similar refusals.

func errServerCertificateExists(name string) *Error {
	return &Error{"EntityAlreadyExists", 409, "The Server Certificate with name " + name + " already exists."}
}

func errNoSuchServerCertificate(name string) *Error {
	return &Error{"NoSuchEntity", 404, "The Server Certificate with name " + name + " cannot be found."}
}

func errServerCertificateMalformed() *Error {
	return &Error{"MalformedCertificate", 400, "Unable to parse certificate. Please ensure the certificate is in PEM format."}
}

func errMalformedPrivateKey() *Error {
	return &Error{"MalformedCertificate", 400, "Unable to parse private key. Please ensure the private key is in PEM format."}
}

func errUnsupportedServerKey() *Error {
	return &Error{"MalformedCertificate", 400, "Unsupported public key. The certificate must hold an RSA key of 1024 to 4096 bits or an ECDSA key on P-256 or P-384."}
}

func errKeyPairMismatch() *Error {
	return &Error{"KeyPairMismatch", 400, "The public key certificate and the private key do not match."}
}

func errMalformedChain() *Error {
	return &Error{"MalformedCertificate", 400, "Unable to parse certificate chain. Please ensure the certificate chain is in PEM format."}
}

func errInvalidChain(index int) *Error {
	return &Error{"MalformedCertificate", 400, "Unable to validate certificate chain. The certificate chain must start with the immediate signing certificate, followed by any intermediaries in order. The index within the chain of the invalid certificate is: " + strconv.Itoa(index)}
}

func errServerCertificateQuota(quota int) *Error {
	return &Error{"LimitExceeded", 409, "Cannot exceed quota for ServerCertificatesPerAccount: " + strconv.Itoa(quota)}
}

// errPolicyTagQuota refuses a managed policy's 51st tag (policy_tags.go).
func errPolicyTagQuota(quota int) *Error {
	return &Error{"LimitExceeded", 409, "Cannot exceed quota for TagsPerPolicy: " + strconv.Itoa(quota)}
}

func errServerCertificateTagQuota(quota int) *Error {
	return &Error{"LimitExceeded", 409, "Cannot exceed quota for TagsPerServerCertificate: " + strconv.Itoa(quota)}
}

// Roles (roles.go).

func errNoSuchRole(name string) *Error {
	return &Error{"NoSuchEntity", 404, "The role with name " + name + " cannot be found."}
}

func errRoleExists(name string) *Error {
	return &Error{"EntityAlreadyExists", 409, "Role with name " + name + " already exists."}
}

func errRoleQuota(quota int) *Error {
	return &Error{"LimitExceeded", 409, "Cannot exceed quota for RolesPerAccount: " + strconv.Itoa(quota)}
}

func errRoleTagQuota(quota int) *Error {
	return &Error{"LimitExceeded", 409, "Cannot exceed quota for TagsPerRole: " + strconv.Itoa(quota)}
}

// Identity providers (oidc_providers.go, saml_providers.go). Texts
// recorded where docs/contract.md ("OpenID Connect providers", "SAML
// providers") says so; the others are choices in the form of IAM's texts
// for similar refusals.

func errInvalidOIDCURL() *Error {
	return &Error{"ValidationError", 400, "Invalid Open ID Connect Provider URL"}
}

func errOIDCProviderExists(url string) *Error {
	return &Error{"EntityAlreadyExists", 409, "Provider with url " + url + " already exists."}
}

func errNoSuchOIDCProvider(arn string) *Error {
	return &Error{"NoSuchEntity", 404, "OpenIDConnect Provider not found for arn " + arn}
}

// errNoSuchOIDCProviderDelete is DeleteOpenIDConnectProvider's own text.
func errNoSuchOIDCProviderDelete(arn string) *Error {
	return &Error{"NoSuchEntity", 404, "OpenId connect Provider " + arn + " cannot be found."}
}

func errTooManyThumbprints() *Error {
	return &Error{"InvalidInput", 400, "Thumbprint list must contain fewer than 5 entries."}
}

func errClientIDQuota(quota int) *Error {
	return &Error{"LimitExceeded", 409, "Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: " + strconv.Itoa(quota)}
}

func errOIDCProviderQuota(quota int) *Error {
	return &Error{"LimitExceeded", 409, "Cannot exceed quota for OpenIdConnectProvidersPerAccount: " + strconv.Itoa(quota)}
}

// errCaseKeptTagQuota refuses a 51st tag of a resource whose tag keys keep
// case (OIDC and SAML providers: recorded for OIDC; instance profiles).
func errCaseKeptTagQuota() *Error {
	return &Error{"LimitExceeded", 409, "The number of tags has reached the maximum limit."}
}

func errNoSuchSAMLProvider(arn string) *Error {
	return &Error{"NoSuchEntity", 404, "Manifest not found for arn " + arn}
}

func errSAMLProviderExists(name string) *Error {
	return &Error{"EntityAlreadyExists", 409, "SAMLProvider " + name + " already exists."}
}

func errSAMLMetadata() *Error {
	return &Error{"InvalidInput", 400, "Could not parse metadata"}
}

func errSAMLProviderQuota(quota int) *Error {
	return &Error{"LimitExceeded", 409, "Cannot exceed quota for SAMLProvidersPerAccount: " + strconv.Itoa(quota)}
}

// Instance profiles (instance_profiles.go). Texts recorded where
// docs/contract.md ("Instance profiles") says so.

func errNoSuchInstanceProfile(name string) *Error {
	return &Error{"NoSuchEntity", 404, "Instance Profile " + name + " cannot be found."}
}

func errInstanceProfileExists(name string) *Error {
	return &Error{"EntityAlreadyExists", 409, "Instance Profile " + name + " already exists."}
}

func errInstanceProfileQuota(quota int) *Error {
	return &Error{"LimitExceeded", 409, "Cannot exceed quota for InstanceProfilesPerAccount: " + strconv.Itoa(quota)}
}

func errInstanceProfileRoleQuota(quota int) *Error {
	return &Error{"LimitExceeded", 409, "Cannot exceed quota for InstanceSessionsPerInstanceProfile: " + strconv.Itoa(quota)}
}

func errNoSuchRoleInInstanceProfile(role, profile string) *Error {
	return &Error{"NoSuchEntity", 404, "Role " + role + " in Instance Profile " + profile + " cannot be found."}
}

// errDeleteConflictProfileRoles: DeleteInstanceProfile of a profile
// holding a role, and DeleteRole of a role in a profile (recorded).
func errDeleteConflictProfileRoles() *Error {
	return &Error{"DeleteConflict", 409, "Cannot delete entity, must remove roles from instance profile first."}
}

// Service-linked roles (service_linked_roles.go).

// errLinkedRoleTaken: CreateServiceLinkedRole when the account has a role
// of that name (recorded).
func errLinkedRoleTaken(name string) *Error {
	return &Error{"InvalidInput", 400, "Service role name " + name + " has been taken in this account, please try a different suffix."}
}

// errCustomSuffixNotAllowed: a CustomSuffix for a service that takes none
// (recorded).
func errCustomSuffixNotAllowed(svc string) *Error {
	return &Error{"InvalidInput", 400, "Custom suffix is not allowed for " + svc}
}

// errProtectedRole: a change to a service-linked role (recorded).
func errProtectedRole(name string) *Error {
	return &Error{"UnmodifiableEntity", 400, "Cannot perform the operation on the protected role '" + name + "' - this role is only modifiable by AWS"}
}

// errNoSuchLinkedService: a service principal without service-linked roles
// (code from the model's list; text a choice: docs/contract.md).
func errNoSuchLinkedService(svc string) *Error {
	return &Error{"NoSuchEntity", 404, "Service " + svc + " does not have a service-linked role."}
}

// errLinkedRoleNameTooLong: a suffix making the role's name longer than
// 64 characters (choice: docs/contract.md).
func errLinkedRoleNameTooLong(name string) *Error {
	return &Error{"InvalidInput", 400, "The role name " + name + " is longer than 64 characters."}
}

// errNotServiceLinked: DeleteServiceLinkedRole of another role (code from
// the model's list; text a choice: docs/contract.md).
func errNotServiceLinked(name string) *Error {
	return &Error{"NoSuchEntity", 404, "The role with name " + name + " is not a service-linked role."}
}

// errInvalidDeletionTask, errNoSuchDeletionTask:
// GetServiceLinkedRoleDeletionStatus of an id without a deletion task's
// form, and of one the account never had (codes from the model's list;
// texts a choice: docs/contract.md).
func errInvalidDeletionTask(id string) *Error {
	return &Error{"InvalidInput", 400, "Invalid deletion task id " + id + "."}
}

func errNoSuchDeletionTask(id string) *Error {
	return &Error{"NoSuchEntity", 404, "Deletion task " + id + " cannot be found."}
}

// The policy simulator (policy_simulator.go).

// errSimulationNoCaller: a ResourcePolicy without a CallerArn (docs:
// "CallerArn is required if you include a ResourcePolicy"; the text is a
// choice: docs/contract.md).
func errSimulationNoCaller() *Error {
	return &Error{"InvalidInput", 400, "Invalid Input: CallerArn is required when a ResourcePolicy is given."}
}

// errServiceRolePolicy: attaching a service-linked role's AWS managed
// policy to a customer's role (recorded: aws/aws-cdk#6131); to a user or
// group, the same text naming it (choice: docs/contract.md).
func errServiceRolePolicy(to string) *Error {
	return &Error{"PolicyNotAttachable", 400, "Cannot attach a Service Role Policy to a Customer " + to + "."}
}

// errSimulationCaller: a CallerArn that is not an IAM user's ARN
// (docs: "You can specify only the ARN of an IAM user"; the text is a
// choice: docs/contract.md).
func errSimulationCaller() *Error {
	return &Error{"InvalidInput", 400, "Invalid Input: CallerArn must be the ARN of an IAM user, group or role."}
}

// errSimulationSource: a PolicySourceArn that is not an IAM user's,
// group's or role's ARN (choice: docs/contract.md).
func errSimulationSource() *Error {
	return &Error{"InvalidInput", 400, "Invalid Input: PolicySourceArn must be the ARN of an IAM user, group or role."}
}

// errPolicyEvaluation: a stored policy the evaluator cannot read (never,
// the checks having read it: the model's PolicyEvaluation, 500).
func errPolicyEvaluation() *Error {
	return &Error{"PolicyEvaluation", 500, "A policy of the principal could not be evaluated."}
}

package fakeiam

// The services that CreateServiceLinkedRole knows: each service principal's
// role name, the AWS managed policies the role gets, and whether the service
// takes a CustomSuffix. Facts only, from these sources:
//
//   - 71 services from the table LocalStack compiled from AWS's
//     per-service documentation (localstack/localstack,
//     localstack-core/localstack/services/iam/resources/service_linked_roles.py,
//     PR #12387, "Match IAM service linked role naming with AWS"), except
//     lex.amazonaws.com, whose policy the table names AmazonLexBotPolicy:
//     the MAMIP snapshot (internal/awspolicies) has no such policy, and has
//     /aws-service-role/LexBotPolicy, which is the one used here;
//   - es.amazonaws.com: its role name and "Custom suffix is not allowed for
//     es.amazonaws.com" as IAM answered them (recorded in
//     terraform-community-modules/tf_aws_elasticsearch#23 and
//     lgallard/terraform-aws-elasticsearch#59);
//   - spot.amazonaws.com (chanzuckerberg/cztack#897), spotfleet and
//     organizations (rebuy-de/aws-nuke#49, which records each role with its
//     policy), guardduty (rebuy-de/aws-nuke#331), support and trustedadvisor
//     (gruntwork-io/cloud-nuke#880): role names from IAM's answers; the
//     policies named there or, where an answer named only the role, the
//     service's /aws-service-role/ policy in the MAMIP snapshot. Their
//     CustomSuffix is refused (no recording shows one accepted).
//
// Every policy below is in the AWS managed policy catalog
// (TestLinkedServiceCatalog). LinkedServices adds services.
var linkedServiceCatalog = []LinkedService{
	{Service: "accountdiscovery.ssm.amazonaws.com", RoleName: "AWSServiceRoleForAmazonSSM_AccountDiscovery", Policies: []string{awsServiceRolePolicy + "AWSSystemsManagerAccountDiscoveryServicePolicy"}},
	{Service: "acm.amazonaws.com", RoleName: "AWSServiceRoleForCertificateManager", Policies: []string{awsServiceRolePolicy + "CertificateManagerServiceRolePolicy"}},
	{Service: "appmesh.amazonaws.com", RoleName: "AWSServiceRoleForAppMesh", Policies: []string{awsServiceRolePolicy + "AWSAppMeshServiceRolePolicy"}},
	{Service: "autoscaling-plans.amazonaws.com", RoleName: "AWSServiceRoleForAutoScalingPlans_EC2AutoScaling", Policies: []string{awsServiceRolePolicy + "AWSAutoScalingPlansEC2AutoScalingPolicy"}},
	{Service: "autoscaling.amazonaws.com", RoleName: "AWSServiceRoleForAutoScaling", Policies: []string{awsServiceRolePolicy + "AutoScalingServiceRolePolicy"}, CustomSuffix: true},
	{Service: "backup.amazonaws.com", RoleName: "AWSServiceRoleForBackup", Policies: []string{awsServiceRolePolicy + "AWSBackupServiceLinkedRolePolicyForBackup"}},
	{Service: "batch.amazonaws.com", RoleName: "AWSServiceRoleForBatch", Policies: []string{awsServiceRolePolicy + "BatchServiceRolePolicy"}},
	{Service: "cassandra.application-autoscaling.amazonaws.com", RoleName: "AWSServiceRoleForApplicationAutoScaling_CassandraTable", Policies: []string{awsServiceRolePolicy + "AWSApplicationAutoscalingCassandraTablePolicy"}},
	{Service: "cks.kms.amazonaws.com", RoleName: "AWSServiceRoleForKeyManagementServiceCustomKeyStores", Policies: []string{awsServiceRolePolicy + "AWSKeyManagementServiceCustomKeyStoresServiceRolePolicy"}},
	{Service: "cloudtrail.amazonaws.com", RoleName: "AWSServiceRoleForCloudTrail", Policies: []string{awsServiceRolePolicy + "CloudTrailServiceRolePolicy"}},
	{Service: "codestar-notifications.amazonaws.com", RoleName: "AWSServiceRoleForCodeStarNotifications", Policies: []string{awsServiceRolePolicy + "AWSCodeStarNotificationsServiceRolePolicy"}},
	{Service: "config.amazonaws.com", RoleName: "AWSServiceRoleForConfig", Policies: []string{awsServiceRolePolicy + "AWSConfigServiceRolePolicy"}},
	{Service: "connect.amazonaws.com", RoleName: "AWSServiceRoleForAmazonConnect", Policies: []string{awsServiceRolePolicy + "AmazonConnectServiceLinkedRolePolicy"}, CustomSuffix: true},
	{Service: "dms-fleet-advisor.amazonaws.com", RoleName: "AWSServiceRoleForDMSFleetAdvisor", Policies: []string{awsServiceRolePolicy + "AWSDMSFleetAdvisorServiceRolePolicy"}},
	{Service: "dms.amazonaws.com", RoleName: "AWSServiceRoleForDMSServerless", Policies: []string{awsServiceRolePolicy + "AWSDMSServerlessServiceRolePolicy"}},
	{Service: "docdb-elastic.amazonaws.com", RoleName: "AWSServiceRoleForDocDB-Elastic", Policies: []string{awsServiceRolePolicy + "AmazonDocDB-ElasticServiceRolePolicy"}},
	{Service: "ec2-instance-connect.amazonaws.com", RoleName: "AWSServiceRoleForEc2InstanceConnect", Policies: []string{awsServiceRolePolicy + "Ec2InstanceConnectEndpoint"}},
	{Service: "ec2.application-autoscaling.amazonaws.com", RoleName: "AWSServiceRoleForApplicationAutoScaling_EC2SpotFleetRequest", Policies: []string{awsServiceRolePolicy + "AWSApplicationAutoscalingEC2SpotFleetRequestPolicy"}},
	{Service: "ecr.amazonaws.com", RoleName: "AWSServiceRoleForECRTemplate", Policies: []string{awsServiceRolePolicy + "ECRTemplateServiceRolePolicy"}},
	{Service: "ecs.amazonaws.com", RoleName: "AWSServiceRoleForECS", Policies: []string{awsServiceRolePolicy + "AmazonECSServiceRolePolicy"}},
	{Service: "eks-connector.amazonaws.com", RoleName: "AWSServiceRoleForAmazonEKSConnector", Policies: []string{awsServiceRolePolicy + "AmazonEKSConnectorServiceRolePolicy"}},
	{Service: "eks-fargate.amazonaws.com", RoleName: "AWSServiceRoleForAmazonEKSForFargate", Policies: []string{awsServiceRolePolicy + "AmazonEKSForFargateServiceRolePolicy"}},
	{Service: "eks-nodegroup.amazonaws.com", RoleName: "AWSServiceRoleForAmazonEKSNodegroup", Policies: []string{awsServiceRolePolicy + "AWSServiceRoleForAmazonEKSNodegroup"}},
	{Service: "eks.amazonaws.com", RoleName: "AWSServiceRoleForAmazonEKS", Policies: []string{awsServiceRolePolicy + "AmazonEKSServiceRolePolicy"}},
	{Service: "elasticache.amazonaws.com", RoleName: "AWSServiceRoleForElastiCache", Policies: []string{awsServiceRolePolicy + "ElastiCacheServiceRolePolicy"}},
	{Service: "elasticbeanstalk.amazonaws.com", RoleName: "AWSServiceRoleForElasticBeanstalk", Policies: []string{awsServiceRolePolicy + "AWSElasticBeanstalkServiceRolePolicy"}},
	{Service: "elasticfilesystem.amazonaws.com", RoleName: "AWSServiceRoleForAmazonElasticFileSystem", Policies: []string{awsServiceRolePolicy + "AmazonElasticFileSystemServiceRolePolicy"}},
	{Service: "elasticloadbalancing.amazonaws.com", RoleName: "AWSServiceRoleForElasticLoadBalancing", Policies: []string{awsServiceRolePolicy + "AWSElasticLoadBalancingServiceRolePolicy"}},
	{Service: "email.cognito-idp.amazonaws.com", RoleName: "AWSServiceRoleForAmazonCognitoIdpEmailService", Policies: []string{awsServiceRolePolicy + "AmazonCognitoIdpEmailServiceRolePolicy"}},
	{Service: "emr-containers.amazonaws.com", RoleName: "AWSServiceRoleForAmazonEMRContainers", Policies: []string{awsServiceRolePolicy + "AmazonEMRContainersServiceRolePolicy"}},
	{Service: "emrwal.amazonaws.com", RoleName: "AWSServiceRoleForEMRWAL", Policies: []string{awsServiceRolePolicy + "EMRDescribeClusterPolicyForEMRWAL"}},
	{Service: "es.amazonaws.com", RoleName: "AWSServiceRoleForAmazonElasticsearchService", Policies: []string{awsServiceRolePolicy + "AmazonElasticsearchServiceRolePolicy"}},
	{Service: "fis.amazonaws.com", RoleName: "AWSServiceRoleForFIS", Policies: []string{awsServiceRolePolicy + "AmazonFISServiceRolePolicy"}},
	{Service: "grafana.amazonaws.com", RoleName: "AWSServiceRoleForAmazonGrafana", Policies: []string{awsServiceRolePolicy + "AmazonGrafanaServiceLinkedRolePolicy"}},
	{Service: "guardduty.amazonaws.com", RoleName: "AWSServiceRoleForAmazonGuardDuty", Policies: []string{awsServiceRolePolicy + "AmazonGuardDutyServiceRolePolicy"}},
	{Service: "imagebuilder.amazonaws.com", RoleName: "AWSServiceRoleForImageBuilder", Policies: []string{awsServiceRolePolicy + "AWSServiceRoleForImageBuilder"}},
	{Service: "iotmanagedintegrations.amazonaws.com", RoleName: "AWSServiceRoleForIoTManagedIntegrations", Policies: []string{awsServiceRolePolicy + "AWSIoTManagedIntegrationsRolePolicy"}},
	{Service: "kafka.amazonaws.com", RoleName: "AWSServiceRoleForKafka", Policies: []string{awsServiceRolePolicy + "KafkaServiceRolePolicy"}},
	{Service: "kafkaconnect.amazonaws.com", RoleName: "AWSServiceRoleForKafkaConnect", Policies: []string{awsServiceRolePolicy + "KafkaConnectServiceRolePolicy"}},
	{Service: "lakeformation.amazonaws.com", RoleName: "AWSServiceRoleForLakeFormationDataAccess", Policies: []string{awsServiceRolePolicy + "LakeFormationDataAccessServiceRolePolicy"}},
	{Service: "lex.amazonaws.com", RoleName: "AWSServiceRoleForLexBots", Policies: []string{awsServiceRolePolicy + "LexBotPolicy"}},
	{Service: "lexv2.amazonaws.com", RoleName: "AWSServiceRoleForLexV2Bots", Policies: []string{awsServiceRolePolicy + "AmazonLexV2BotPolicy"}, CustomSuffix: true},
	{Service: "lightsail.amazonaws.com", RoleName: "AWSServiceRoleForLightsail", Policies: []string{awsServiceRolePolicy + "LightsailExportAccess"}},
	{Service: "m2.amazonaws.com", RoleName: "AWSServiceRoleForAWSM2", Policies: []string{awsServiceRolePolicy + "AWSM2ServicePolicy"}},
	{Service: "memorydb.amazonaws.com", RoleName: "AWSServiceRoleForMemoryDB", Policies: []string{awsServiceRolePolicy + "MemoryDBServiceRolePolicy"}},
	{Service: "mq.amazonaws.com", RoleName: "AWSServiceRoleForAmazonMQ", Policies: []string{awsServiceRolePolicy + "AmazonMQServiceRolePolicy"}},
	{Service: "mrk.kms.amazonaws.com", RoleName: "AWSServiceRoleForKeyManagementServiceMultiRegionKeys", Policies: []string{awsServiceRolePolicy + "AWSKeyManagementServiceMultiRegionKeysServiceRolePolicy"}},
	{Service: "notifications.amazonaws.com", RoleName: "AWSServiceRoleForAwsUserNotifications", Policies: []string{awsServiceRolePolicy + "AWSUserNotificationsServiceLinkedRolePolicy"}},
	{Service: "observability.aoss.amazonaws.com", RoleName: "AWSServiceRoleForAmazonOpenSearchServerless", Policies: []string{awsServiceRolePolicy + "AmazonOpenSearchServerlessServiceRolePolicy"}},
	{Service: "opensearchservice.amazonaws.com", RoleName: "AWSServiceRoleForAmazonOpenSearchService", Policies: []string{awsServiceRolePolicy + "AmazonOpenSearchServiceRolePolicy"}},
	{Service: "ops.apigateway.amazonaws.com", RoleName: "AWSServiceRoleForAPIGateway", Policies: []string{awsServiceRolePolicy + "APIGatewayServiceRolePolicy"}},
	{Service: "ops.emr-serverless.amazonaws.com", RoleName: "AWSServiceRoleForAmazonEMRServerless", Policies: []string{awsServiceRolePolicy + "AmazonEMRServerlessServiceRolePolicy"}},
	{Service: "opsdatasync.ssm.amazonaws.com", RoleName: "AWSServiceRoleForSystemsManagerOpsDataSync", Policies: []string{awsServiceRolePolicy + "AWSSystemsManagerOpsDataSyncServiceRolePolicy"}},
	{Service: "opsinsights.ssm.amazonaws.com", RoleName: "AWSServiceRoleForAmazonSSM_OpsInsights", Policies: []string{awsServiceRolePolicy + "AWSSSMOpsInsightsServiceRolePolicy"}},
	{Service: "organizations.amazonaws.com", RoleName: "AWSServiceRoleForOrganizations", Policies: []string{awsServiceRolePolicy + "AWSOrganizationsServiceTrustPolicy"}},
	{Service: "pullthroughcache.ecr.amazonaws.com", RoleName: "AWSServiceRoleForECRPullThroughCache", Policies: []string{awsServiceRolePolicy + "AWSECRPullThroughCache_ServiceRolePolicy"}},
	{Service: "ram.amazonaws.com", RoleName: "AWSServiceRoleForResourceAccessManager", Policies: []string{awsServiceRolePolicy + "AWSResourceAccessManagerServiceRolePolicy"}},
	{Service: "rds.amazonaws.com", RoleName: "AWSServiceRoleForRDS", Policies: []string{awsServiceRolePolicy + "AmazonRDSServiceRolePolicy"}},
	{Service: "redshift.amazonaws.com", RoleName: "AWSServiceRoleForRedshift", Policies: []string{awsServiceRolePolicy + "AmazonRedshiftServiceLinkedRolePolicy"}},
	{Service: "replication.cassandra.amazonaws.com", RoleName: "AWSServiceRoleForKeyspacesReplication", Policies: []string{awsServiceRolePolicy + "KeyspacesReplicationServiceRolePolicy"}},
	{Service: "replication.ecr.amazonaws.com", RoleName: "AWSServiceRoleForECRReplication", Policies: []string{awsServiceRolePolicy + "ECRReplicationServiceRolePolicy"}},
	{Service: "repository.sync.codeconnections.amazonaws.com", RoleName: "AWSServiceRoleForGitSync", Policies: []string{awsServiceRolePolicy + "AWSGitSyncServiceRolePolicy"}},
	{Service: "resource-explorer-2.amazonaws.com", RoleName: "AWSServiceRoleForResourceExplorer", Policies: []string{awsServiceRolePolicy + "AWSResourceExplorerServiceRolePolicy"}},
	{Service: "rolesanywhere.amazonaws.com", RoleName: "AWSServiceRoleForRolesAnywhere", Policies: []string{awsServiceRolePolicy + "AWSRolesAnywhereServicePolicy"}},
	{Service: "s3-outposts.amazonaws.com", RoleName: "AWSServiceRoleForS3OnOutposts", Policies: []string{awsServiceRolePolicy + "AWSS3OnOutpostsServiceRolePolicy"}},
	{Service: "ses.amazonaws.com", RoleName: "AWSServiceRoleForAmazonSES", Policies: []string{awsServiceRolePolicy + "AmazonSESServiceRolePolicy"}},
	{Service: "shield.amazonaws.com", RoleName: "AWSServiceRoleForAWSShield", Policies: []string{awsServiceRolePolicy + "AWSShieldServiceRolePolicy"}},
	{Service: "spot.amazonaws.com", RoleName: "AWSServiceRoleForEC2Spot", Policies: []string{awsServiceRolePolicy + "AWSEC2SpotServiceRolePolicy"}},
	{Service: "spotfleet.amazonaws.com", RoleName: "AWSServiceRoleForEC2SpotFleet", Policies: []string{awsServiceRolePolicy + "AWSEC2SpotFleetServiceRolePolicy"}},
	{Service: "ssm-incidents.amazonaws.com", RoleName: "AWSServiceRoleForIncidentManager", Policies: []string{awsServiceRolePolicy + "AWSIncidentManagerServiceRolePolicy"}},
	{Service: "ssm-quicksetup.amazonaws.com", RoleName: "AWSServiceRoleForSSMQuickSetup", Policies: []string{awsServiceRolePolicy + "SSMQuickSetupRolePolicy"}},
	{Service: "ssm.amazonaws.com", RoleName: "AWSServiceRoleForAmazonSSM", Policies: []string{awsServiceRolePolicy + "AmazonSSMServiceRolePolicy"}},
	{Service: "sso.amazonaws.com", RoleName: "AWSServiceRoleForSSO", Policies: []string{awsServiceRolePolicy + "AWSSSOServiceRolePolicy"}},
	{Service: "support.amazonaws.com", RoleName: "AWSServiceRoleForSupport", Policies: []string{awsServiceRolePolicy + "AWSSupportServiceRolePolicy"}},
	{Service: "trustedadvisor.amazonaws.com", RoleName: "AWSServiceRoleForTrustedAdvisor", Policies: []string{awsServiceRolePolicy + "AWSTrustedAdvisorServiceRolePolicy"}},
	{Service: "vpcorigin.cloudfront.amazonaws.com", RoleName: "AWSServiceRoleForCloudFrontVPCOrigin", Policies: []string{awsServiceRolePolicy + "AWSCloudFrontVPCOriginServiceRolePolicy"}},
	{Service: "waf.amazonaws.com", RoleName: "AWSServiceRoleForWAFLogging", Policies: []string{awsServiceRolePolicy + "WAFLoggingServiceRolePolicy"}},
	{Service: "wafv2.amazonaws.com", RoleName: "AWSServiceRoleForWAFV2Logging", Policies: []string{awsServiceRolePolicy + "WAFV2LoggingServiceRolePolicy"}},
}

// awsServiceRolePolicy is the ARN prefix of the AWS managed policies of
// service-linked roles.
const awsServiceRolePolicy = "arn:aws:iam::aws:policy/aws-service-role/"

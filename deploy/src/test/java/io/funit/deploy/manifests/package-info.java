/**
 * Checks of the deployment files (deploy/docker, deploy/compose, deploy/k8s) against the code: they name only
 * settings the code reads, the topics, groups, partitions, ports and probe paths the code uses, and Kubernetes
 * objects Kubernetes would accept. No Docker engine or cluster runs here, so this is what can be checked.
 */
package io.funit.deploy.manifests;

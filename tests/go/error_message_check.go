// error_message_check: aws-sdk-go v1 (Debian's golang-github-aws-aws-sdk-go-dev, built in GOPATH
// mode) against robomaker-local, for the messages of errors the Go client does not model
// (SEMANTICS §2: x-amzn-ErrorMessage on every error). Usage:
//   error_message_check ENDPOINT
// ListSimulationJobs is in the Go model but not emulated, so the emulator answers 404
// UnknownOperationException; ThrottlingException from the `ended` phase is modeled. Prints one line
// per check; exits 1 on the first failure.
package main

import (
	"fmt"
	"os"

	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/awserr"
	"github.com/aws/aws-sdk-go/aws/credentials"
	"github.com/aws/aws-sdk-go/aws/session"
	"github.com/aws/aws-sdk-go/service/robomaker"
)

func check(ok bool, what string, args ...interface{}) {
	if !ok {
		fmt.Printf("FAIL %s\n", fmt.Sprintf(what, args...))
		os.Exit(1)
	}
	fmt.Printf("ok   %s\n", fmt.Sprintf(what, args...))
}

func main() {
	if len(os.Args) != 2 {
		fmt.Println("usage: error_message_check ENDPOINT")
		os.Exit(2)
	}
	sess := session.Must(session.NewSession(&aws.Config{
		Endpoint:    aws.String(os.Args[1]),
		Region:      aws.String("us-east-1"),
		Credentials: credentials.NewStaticCredentials("AKIDEXAMPLE", "secret", ""),
		MaxRetries:  aws.Int(0),
	}))
	rm := robomaker.New(sess)

	_, err := rm.ListSimulationJobs(&robomaker.ListSimulationJobsInput{})
	aerr, ok := err.(awserr.RequestFailure)
	check(ok, "ListSimulationJobs fails with a request failure: %v", err)
	check(aerr.StatusCode() == 404 && aerr.Code() == "UnknownOperationException",
		"unmodeled error: HTTP %d %s", aerr.StatusCode(), aerr.Code())
	check(aerr.Message() == "No operation matches POST /listSimulationJobs", "its message: %q", aerr.Message())

	_, err = rm.ListFleets(&robomaker.ListFleetsInput{})
	aerr, ok = err.(awserr.RequestFailure)
	check(ok && aerr.Code() == "ThrottlingException", "ended phase: ListFleets fails with %v", err)
	check(len(aerr.Message()) > 0 && aerr.Message()[:20] == "AWS RoboMaker is Una", "its message: %q", aerr.Message())
}

// sigv4_check: aws-sdk-go v1 (Debian's golang-github-aws-aws-sdk-go-dev, built in GOPATH mode)
// against a robomaker-local started with --auth sigv4. Usage:
//   sigv4_check ENDPOINT AKID SECRET
// Exercises the signed paths a Go client takes (tag operations on percent-encoded ARNs, a paginated
// list), then a wrong secret, and prints one line per check; exits 1 on the first failure.
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

func client(endpoint, akid, secret string) *robomaker.RoboMaker {
	sess := session.Must(session.NewSession(&aws.Config{
		Endpoint:    aws.String(endpoint),
		Region:      aws.String("us-east-1"),
		Credentials: credentials.NewStaticCredentials(akid, secret, ""),
		MaxRetries:  aws.Int(0),
	}))
	return robomaker.New(sess)
}

func check(ok bool, what string, args ...interface{}) {
	if !ok {
		fmt.Printf("FAIL %s\n", fmt.Sprintf(what, args...))
		os.Exit(1)
	}
	fmt.Printf("ok   %s\n", fmt.Sprintf(what, args...))
}

func main() {
	if len(os.Args) != 4 {
		fmt.Println("usage: sigv4_check ENDPOINT AKID SECRET")
		os.Exit(2)
	}
	rm := client(os.Args[1], os.Args[2], os.Args[3])
	fleet, err := rm.CreateFleet(&robomaker.CreateFleetInput{Name: aws.String("go"),
		Tags: map[string]*string{"team": aws.String("nav")}})
	check(err == nil, "CreateFleet: %v", err)
	arn := fleet.Arn
	_, err = rm.TagResource(&robomaker.TagResourceInput{ResourceArn: arn,
		Tags: map[string]*string{"stage": aws.String("a/b c+d=e:f")}})
	check(err == nil, "TagResource on %s: %v", *arn, err)
	_, err = rm.UntagResource(&robomaker.UntagResourceInput{ResourceArn: arn, TagKeys: []*string{aws.String("team")}})
	check(err == nil, "UntagResource: %v", err)
	tags, err := rm.ListTagsForResource(&robomaker.ListTagsForResourceInput{ResourceArn: arn})
	check(err == nil && len(tags.Tags) == 1 && *tags.Tags["stage"] == "a/b c+d=e:f", "ListTagsForResource: %v %v", tags, err)
	for i := 0; i < 4; i++ {
		_, err = rm.CreateFleet(&robomaker.CreateFleetInput{Name: aws.String(fmt.Sprintf("p%d", i))})
		check(err == nil, "CreateFleet p%d: %v", i, err)
	}
	names := 0
	err = rm.ListFleetsPages(&robomaker.ListFleetsInput{MaxResults: aws.Int64(2)},
		func(page *robomaker.ListFleetsOutput, last bool) bool { names += len(page.FleetDetails); return true })
	check(err == nil && names == 5, "ListFleets in pages of 2: %d fleets, %v", names, err)

	_, err = client(os.Args[1], os.Args[2], "wrong-secret").ListFleets(&robomaker.ListFleetsInput{})
	aerr, isAws := err.(awserr.RequestFailure)
	check(isAws && aerr.Code() == "InvalidSignatureException" && aerr.StatusCode() == 403,
		"a wrong secret: %v", err)
}
